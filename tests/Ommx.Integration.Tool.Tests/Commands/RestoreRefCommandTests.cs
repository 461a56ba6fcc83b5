using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class RestoreRefCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void RestoreRef_RemovedRef_RestoredThenUnchanged()
    {
        var descriptor = registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "payload"u8.ToArray()));
        registry.Ommx("rm", Fixtures.Artifact);

        var first = registry.Ommx("restore-ref", Fixtures.Artifact, descriptor.Digest.ToString());
        var second = registry.Ommx("restore-ref", Fixtures.Artifact, descriptor.Digest.ToString(), "--json");

        Assert.Equal((0, "    Restored example.com/cli/artifact:v1\n"), (first.ExitCode, first.Stdout));
        Assert.Equal("unchanged", second.Json().GetProperty("outcome").GetString());
    }

    [Fact]
    public void RestoreRef_RefPointsElsewhere_ExitsProblemsWithOmmxMessage()
    {
        var old = registry.With(r =>
        {
            var first = Fixtures.CommitArtifact(r, Fixtures.Artifact, "old"u8.ToArray());
            r.Remove(Oci.ImageReference.Parse(Fixtures.Artifact));
            Fixtures.CommitArtifact(r, Fixtures.Artifact, "new"u8.ToArray());
            return first;
        });

        var result = registry.Ommx("restore-ref", Fixtures.Artifact, old.Digest.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"Error: Cannot restore example.com/cli/artifact:v1 to {old.Digest}: ref currently points to sha256:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoreRef_LayerGone_ExitsProblemsNamingLayer()
    {
        var layer = "payload"u8.ToArray();
        var descriptor = registry.With(r =>
        {
            var d = Fixtures.CommitArtifact(r, Fixtures.Artifact, layer);
            r.Remove(Oci.ImageReference.Parse(Fixtures.Artifact));
            File.Delete(r.Blobs.PathFor(Oci.Digest.Compute(layer)));
            return d;
        });

        var result = registry.Ommx("restore-ref", Fixtures.Artifact, descriptor.Digest.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Oci.Digest.Compute(layer).ToString(), result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, registry.Ommx("list").Stdout);
    }

    [Fact]
    public void RestoreRef_BadDigest_ExitsUsageBeforeOpeningRegistry()
    {
        var result = registry.Ommx("restore-ref", Fixtures.Artifact, "not-a-digest");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Error: Invalid manifest digest: ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(registry.Root));
    }

    [Fact]
    public void RestoreRef_InvalidImage_ExitsUsage()
    {
        var result = registry.Ommx("restore-ref", "INVALID/IMAGE", "sha256:" + new string('0', 64));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Error: Invalid image reference \"INVALID/IMAGE\"", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => registry.Dispose();
}
