using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class ExportImportCommandTests : IDisposable
{
    private readonly TempRegistryRoot source = new();
    private readonly TempRegistryRoot target = new();

    [Fact]
    public void Export_ThenImportElsewhere_SameDigestAndContent()
    {
        var descriptor = source.With(r => Fixtures.CommitExperiment(r));
        var archive = source.Scratch.Combine("demo.ommx");

        var export = source.Ommx("export", Fixtures.Experiment, archive);
        var import = target.Ommx("import", archive, "--json");

        Assert.Equal(0, export.ExitCode);
        Assert.Contains($"    Exported {Fixtures.Experiment}\n", export.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        var imported = import.Json().GetProperty("imported")[0];
        Assert.Equal((Fixtures.Experiment, descriptor.Digest.ToString(), "inserted"),
            (imported.GetProperty("image_name").GetString(), imported.GetProperty("manifest_digest").GetString(), imported.GetProperty("outcome").GetString()));
        Assert.Matches(@"\nexample\.com/cli/demo:v1\s+finished\s+2\s", target.Ommx("experiments").Stdout);
    }

    [Fact]
    public void Export_ExistingFile_ExitsProblemsAndKeepsFile()
    {
        source.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "a"u8.ToArray()));
        var archive = source.Scratch.Combine("exists.ommx");
        File.WriteAllText(archive, "keep me");

        var result = source.Ommx("export", Fixtures.Artifact, archive);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"Error: Failed to create archive at {archive}", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(archive));
    }

    [Fact]
    public void Import_MixedSources_ImportsGoodRefusesBadAndExitsProblems()
    {
        var good = TestPaths.RealArchive("random_lp_instance.ommx");
        var bad = target.Scratch.Combine("broken.ommx");
        File.WriteAllBytes(bad, [1, 2, 3]);
        var missing = target.Scratch.Combine("missing.ommx");

        var result = target.Ommx("import", good, bad, missing);
        var again = target.Ommx("import", good);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("    Imported 1 artifact(s), ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("     Refused 2 source(s); nothing was stored for them\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  {bad}: Archive {bad}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  {missing}: No such file or directory: {missing}\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("   Unchanged 1 artifact(s) already in the registry\n", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Folder_ImportsEveryArchiveInIt()
    {
        var folder = target.Scratch.Combine("archives");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "02_labs__integer__labs002.ommx", "07_independentset__binary_linear__farm.ommx" })
        {
            File.Copy(TestPaths.RealArchive(name), Path.Combine(folder, name));
        }

        var json = target.Ommx("import", folder, "--json").Json();

        Assert.Equal(2, json.GetProperty("imported").GetArrayLength());
        Assert.Equal(0, json.GetProperty("refused").GetArrayLength());
        Assert.Equal(2, target.Ommx("list").Lines.Length);
    }

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
