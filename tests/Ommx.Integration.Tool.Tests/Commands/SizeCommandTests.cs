using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class SizeCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void Size_TwoImages_PrintsImageAndSizeLinesForEach()
    {
        var manifests = registry.With(r => new[]
        {
            Fixtures.CommitArtifact(r, "example.com/cli/a:v1", new byte[2000]),
            Fixtures.CommitArtifact(r, "example.com/cli/b:v1", "xy"u8.ToArray(), "xy"u8.ToArray()),
        });

        var result = registry.Ommx("size", "example.com/cli/a:v1", "example.com/cli/b:v1");

        Assert.Equal(0, result.ExitCode);
        var a = manifests[0].Size + 2 + 2000;
        var b = manifests[1].Size + 2 + 2;
        Assert.Equal(
            $"       Image example.com/cli/a:v1\n        Size {Registry.ByteSize.Format(a)} ({a} bytes)\n       Image example.com/cli/b:v1\n        Size {b} B ({b} bytes)\n",
            result.Stdout);
    }

    [Fact]
    public void Size_Json_ListsEveryImage()
    {
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "xy"u8.ToArray()));

        var json = registry.Ommx("size", Fixtures.Artifact, "--json").Json();

        Assert.Equal(Fixtures.Artifact, json.GetProperty("images")[0].GetProperty("image_name").GetString());
        Assert.True(json.GetProperty("images")[0].GetProperty("size").GetInt64() > 4);
    }

    [Fact]
    public void Size_UnknownImage_ExitsProblemsWithOmmxMessage()
    {
        registry.With(_ => { }); // a read command needs an existing root; it never creates one
        var result = registry.Ommx("size", "example.com/cli/missing:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Artifact not found in the Local Registry: example.com/cli/missing:v1", result.Stderr.TrimEnd());
    }

    [Fact]
    public void Size_NoImage_ExitsUsage() => Assert.Equal(2, registry.Ommx("size").ExitCode);

    public void Dispose() => registry.Dispose();
}
