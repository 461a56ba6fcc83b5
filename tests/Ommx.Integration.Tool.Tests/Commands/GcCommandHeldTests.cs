using Ommx.Integration.Oci;
using Ommx.Integration.Tool.Commands;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>
/// <c>ommx gc --delete</c> over a ref whose manifest fails its hash check: the core holds back every deletion
/// (<c>GcUnverifiableManifestTests</c>); the command says so and exits with "problems".
/// </summary>
public sealed class GcCommandHeldTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void GcCommand_Held_ExitsProblemsAndSaysWhy()
    {
        var manifest = temp.Commit("example.com/ommx/cli-held:v1", "cli-layer"u8.ToArray());
        File.WriteAllText(temp.Registry.Blobs.PathFor(manifest.Digest), "garbage");
        temp.Registry.Dispose();

        var run = CommandRun.Of(c => new GcCommand(c).Run(new GcCommandOptions { Root = temp.Root, Delete = true, GracePeriod = "0s" }));
        temp.Reopen();

        Assert.Equal(ExitCode.Problems, run.Exit);
        Assert.Contains("no blob was deleted", run.Out, StringComparison.Ordinal);
        Assert.True(temp.Registry.Blobs.Exists(Digest.Compute("cli-layer"u8)));
    }

    public void Dispose() => temp.Dispose();
}
