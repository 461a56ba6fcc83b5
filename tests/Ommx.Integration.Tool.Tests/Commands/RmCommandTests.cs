using Ommx.Integration.Tool.Tests.TestSupport;
using Snapshooter.Xunit;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class RmCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void Rm_ExistingRef_PrintsRollbackAndStorageNote()
    {
        registry.With(r => Fixtures.CommitArtifact(r, "example.com/team/experiment:obsolete", "payload"u8.ToArray()));

        var result = registry.Ommx("rm", "example.com/team/experiment:obsolete");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(registry.Mask(result.Stdout));
        Assert.Equal(string.Empty, registry.Ommx("list").Stdout);
    }

    [Fact]
    public void Rm_WithoutRootFlag_RollbackHasNoRoot()
    {
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "payload"u8.ToArray()));
        var environment = new Dictionary<string, string> { ["OMMX_LOCAL_REGISTRY_ROOT"] = registry.Root };

        var result = OmmxTool.Run(environment, "rm", Fixtures.Artifact);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("    Rollback ommx restore-ref 'example.com/cli/artifact:v1' 'sha256:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--root", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rm_RootWithQuote_RollbackIsShellQuoted()
    {
        var root = registry.Scratch.Combine("it's here");
        using (var r = Registry.LocalRegistry.Open(root))
        {
            Fixtures.CommitArtifact(r, Fixtures.Artifact, "payload"u8.ToArray());
        }

        var result = OmmxTool.Run("rm", Fixtures.Artifact, "--root", root);

        Assert.Contains($" --root '{root.Replace("'", "'\"'\"'", StringComparison.Ordinal)}'\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rm_MissingRef_PrintsNotFoundAndExitsOk()
    {
        registry.With(_ => { }); // a read or delete command needs an existing root; it never creates one
        var result = registry.Ommx("rm", "alpine");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("   Not Found docker.io/library/alpine:latest\n", result.Stdout);
    }

    [Fact]
    public void Rm_Json_ReportsDigestAndRollback()
    {
        var descriptor = registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "payload"u8.ToArray()));

        var json = registry.Ommx("rm", Fixtures.Artifact, "--json").Json();

        Assert.True(json.GetProperty("removed").GetBoolean());
        Assert.Equal(descriptor.Digest.ToString(), json.GetProperty("manifest_digest").GetString());
        Assert.StartsWith("ommx restore-ref ", json.GetProperty("rollback").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rm_InvalidImage_ExitsUsageBeforeOpeningRegistry()
    {
        var result = registry.Ommx("rm", "INVALID/IMAGE");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: Invalid image reference \"INVALID/IMAGE\": invalid reference format", result.Stderr.TrimEnd());
        Assert.False(Directory.Exists(registry.Root));
    }

    public void Dispose() => registry.Dispose();
}
