using Ommx.Integration.Tool.Tests.TestSupport;
using Snapshooter.Xunit;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class GcCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void Gc_DryRunWithOrphan_PrintsOmmxShapeAndKeepsBlob()
    {
        registry.With(r =>
        {
            Fixtures.CommitArtifact(r, Fixtures.Artifact, "reachable-layer"u8.ToArray());
            r.Blobs.Put("orphan-layer"u8);
        });

        var result = registry.Ommx("gc", "--grace-period", "0s", "--show-digests");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(registry.Mask(result.Stdout));
        Assert.Equal(1, registry.Ommx("gc", "--grace-period", "0s", "--json").Json().GetProperty("orphan_candidates").GetArrayLength());
    }

    [Fact]
    public void Gc_Delete_RemovesOrphanAndPrintsDeletedLine()
    {
        registry.With(r =>
        {
            Fixtures.CommitArtifact(r, Fixtures.Artifact, "reachable-layer"u8.ToArray());
            r.Blobs.Put("orphan-layer"u8);
        });

        var result = registry.Ommx("gc", "--delete", "--grace-period", "0s");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(registry.Mask(result.Stdout));
        var after = registry.Ommx("gc", "--grace-period", "0s", "--json").Json();
        Assert.Equal(0, after.GetProperty("orphan_candidates").GetArrayLength());
        Assert.Equal(3, after.GetProperty("reachable_blobs").GetArrayLength());
    }

    [Fact]
    public void Gc_DefaultGrace_DefersFreshOrphan()
    {
        registry.With(r => r.Blobs.Put("fresh-orphan"u8));

        var json = registry.Ommx("gc", "--json").Json();

        Assert.False(json.GetProperty("delete_applied").GetBoolean());
        Assert.Equal(86400, json.GetProperty("grace_period_seconds").GetInt64());
        Assert.Equal(0, json.GetProperty("orphan_candidates").GetArrayLength());
        Assert.Equal(1, json.GetProperty("deferred_blobs").GetArrayLength());
        Assert.Equal(12, json.GetProperty("deferred_size").GetInt64());
    }

    [Fact]
    public void Gc_Json_HasPythonGcReportFields()
    {
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "layer"u8.ToArray()));

        var json = registry.Ommx("gc", "--json").Json();

        foreach (var field in new[] { "root", "delete_applied", "roots", "reachable_blobs", "orphan_candidates", "deferred_blobs", "missing_blobs", "invalid_manifests", "deleted_blobs", "skipped_blobs", "reachable_size", "orphan_candidate_size", "deferred_size", "deleted_size" })
        {
            Assert.True(json.TryGetProperty(field, out _), field);
        }

        var root = json.GetProperty("roots")[0];
        Assert.Equal("ref", root.GetProperty("kind").GetString());
        Assert.Equal("example.com/cli/artifact:v1", root.GetProperty("image_name").GetString());
        Assert.Equal(registry.Root, json.GetProperty("root").GetString());
    }

    [Fact]
    public void Gc_MissingLayer_ReportsMissingWithKind()
    {
        var layer = "gone"u8.ToArray();
        registry.With(r =>
        {
            Fixtures.CommitArtifact(r, Fixtures.Artifact, layer);
            File.Delete(r.Blobs.PathFor(Oci.Digest.Compute(layer)));
        });

        var result = registry.Ommx("gc", "--show-digests");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"     Missing 1 referenced blob(s)\n  {Oci.Digest.Compute(layer)}  Layer\n", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("last-week", "Error: invalid duration suffix in \"last-week\"; use s, m, h, or d")]
    [InlineData("", "Error: duration must not be empty")]
    [InlineData("1h30", "Error: invalid duration value in \"1h30\"")]
    [InlineData("-1", "Error: invalid duration value in \"-1\"")]
    public void Gc_BadGracePeriod_ExitsUsageBeforeOpeningRegistry(string grace, string error)
    {
        var notARegistry = registry.Scratch.Combine("a-file");
        File.WriteAllText(notARegistry, "x");

        var result = OmmxTool.Run("gc", "--grace-period", grace, "--root", notARegistry);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.Stderr.TrimEnd());
    }

    [Fact]
    public void Gc_DryRunAndDelete_ExitsUsage()
    {
        var result = registry.Ommx("gc", "--dry-run", "--delete");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: --dry-run and --delete cannot be used together", result.Stderr.TrimEnd());
        Assert.False(Directory.Exists(registry.Root));
    }

    [Fact]
    public void Gc_RootIsAFile_ExitsProblems()
    {
        var file = registry.Scratch.Combine("a-file");
        File.WriteAllText(file, "x");

        var result = OmmxTool.Run("gc", "--root", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: Local Registry root", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => registry.Dispose();
}
