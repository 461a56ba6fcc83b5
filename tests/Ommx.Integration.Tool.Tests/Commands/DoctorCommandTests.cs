using Ommx.Integration.Oci;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class DoctorCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void Doctor_HealthyRegistry_ExitsOk()
    {
        registry.With(r =>
        {
            Fixtures.CommitExperiment(r);
            Fixtures.CommitArtifact(r, Fixtures.Artifact, "a"u8.ToArray());
        });

        var result = registry.Ommx("doctor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("       Index integrity_check ok\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("     Healthy no problems found\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_CorruptSharedLayer_NamesBlobAndEveryRefThatReachesIt()
    {
        var shared = "shared-layer"u8.ToArray();
        registry.With(r =>
        {
            Fixtures.CommitArtifact(r, "example.com/cli/one:v1", shared);
            Fixtures.CommitArtifact(r, "example.com/cli/two:v1", shared, "other"u8.ToArray());
            Fixtures.CommitArtifact(r, "example.com/cli/unrelated:v1", "fine"u8.ToArray());
        });
        var digest = Digest.Compute(shared);
        FlipFirstByte(Path.Combine(registry.Root, "blobs", "sha256", digest.Hex));

        var result = registry.Ommx("doctor");
        var json = registry.Ommx("doctor", "--json").Json();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"     Corrupt {digest}: layer blob content does not hash to its digest\n  ref example.com/cli/one:v1\n  ref example.com/cli/two:v1\n  hint: ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("unrelated", result.Stdout, StringComparison.Ordinal);
        var problem = Assert.Single(json.GetProperty("problems").EnumerateArray());
        Assert.Equal(("corrupt_blob", digest.ToString(), false), (problem.GetProperty("kind").GetString(), problem.GetProperty("subject").GetString(), problem.GetProperty("fixable").GetBoolean()));
        Assert.False(json.GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public void Doctor_Quick_SkipsHashingButFindsMissingManifest()
    {
        var layer = "layer"u8.ToArray();
        var manifest = registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, layer));
        FlipFirstByte(Path.Combine(registry.Root, "blobs", "sha256", Digest.Compute(layer).Hex));

        Assert.Equal(0, registry.Ommx("doctor", "--quick").ExitCode);

        File.Delete(Path.Combine(registry.Root, "blobs", "sha256", manifest.Digest.Hex));
        var result = registry.Ommx("doctor", "--quick");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"     Missing {manifest.Digest}: manifest blob is missing from the blob store\n  ref {Fixtures.Artifact}\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_StaleTempFile_ReportedThenRemovedByFix()
    {
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "a"u8.ToArray()));
        var temp = Path.Combine(registry.Root, "blobs", "sha256", ".blob-Ab12Cd.tmp");
        File.WriteAllText(temp, "half-written");
        File.SetLastWriteTimeUtc(temp, DateTime.UtcNow.AddDays(-2));

        var check = registry.Ommx("doctor");
        var fix = registry.Ommx("doctor", "--fix");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"   Temp File {temp}: writer temp file left behind", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("    Problems 1 problem(s) remain; pass --fix to repair 1 of them\n", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, fix.ExitCode);
        Assert.Contains($"       Fixed stale temp file: {temp}\n", fix.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public void Doctor_CorruptCacheRow_ReportedWithoutWritingThenRebuiltByFix()
    {
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "a"u8.ToArray()));
        Sql.Execute(registry.Root, "UPDATE artifact_manifests SET manifest_json = CAST('{}' AS BLOB)");

        var first = registry.Ommx("doctor", "--json").Json();
        var second = registry.Ommx("doctor", "--json").Json();
        var fix = registry.Ommx("doctor", "--fix");
        var after = registry.Ommx("doctor");

        Assert.Equal("cache", first.GetProperty("problems")[0].GetProperty("kind").GetString());
        Assert.Equal(Fixtures.Artifact, second.GetProperty("problems")[0].GetProperty("subject").GetString());
        Assert.Equal(0, fix.ExitCode);
        Assert.Contains($"       Fixed cache: {Fixtures.Artifact}\n", fix.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
    }

    [Fact]
    public void Doctor_StaleDraft_FixTurnsItIntoInterruptedCheckpoint()
    {
        registry.With(r => Fixtures.Checkpoint(r, "example.com/cli/draft:v1", Experiments.ExperimentStatus.Draft));
        Sql.Execute(registry.Root, "UPDATE refs SET updated_at = '2020-01-01T00:00:00+00:00' WHERE name LIKE '%/checkpoint'");

        var check = registry.Ommx("doctor");
        var fix = registry.Ommx("doctor", "--fix");
        var checkpoint = registry.Ommx("checkpoints", "--json").Json().GetProperty("checkpoints")[0];

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("\n Stale Draft example.com/cli/draft:v1: draft checkpoint ", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, fix.ExitCode);
        Assert.Equal(("interrupted", 1), (checkpoint.GetProperty("status").GetString(), checkpoint.GetProperty("run_count").GetInt32()));
    }

    [Fact]
    public void Doctor_InvalidRefRow_ReportedAsInvalidRef()
    {
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "a"u8.ToArray()));
        Sql.Execute(registry.Root, "INSERT INTO refs VALUES ('ghcr.io/INVALID', 'latest', 'sha256:" + new string('0', 64) + "', '2026-01-01T00:00:00Z')");

        var json = registry.Ommx("doctor", "--json");

        Assert.Equal(1, json.ExitCode);
        var problem = Assert.Single(json.Json().GetProperty("problems").EnumerateArray());
        Assert.Equal(("invalid_ref", "ghcr.io/INVALID:latest"), (problem.GetProperty("kind").GetString(), problem.GetProperty("subject").GetString()));
    }

    [Fact]
    public void Doctor_BadStaleAfter_ExitsUsage()
    {
        var result = registry.Ommx("doctor", "--stale-after", "soon");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: invalid duration suffix in \"soon\"; use s, m, h, or d", result.Stderr.TrimEnd());
    }

    internal static void FlipFirstByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }

    public void Dispose() => registry.Dispose();
}
