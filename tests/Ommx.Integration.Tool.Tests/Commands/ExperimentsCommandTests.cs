using Ommx.Integration.Experiments;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class ExperimentsCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void Experiments_Committed_TableWithStatusRunsSolves()
    {
        var descriptor = registry.With(r =>
        {
            Fixtures.CommitArtifact(r, Fixtures.Artifact, "not an experiment"u8.ToArray());
            Fixtures.CommitExperimentWithSolves(r);
            return Fixtures.CommitExperiment(r);
        });

        var result = registry.Ommx("experiments");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Lines.Length);
        Assert.Matches(@"^IMAGE\s+STATUS\s+RUNS\s+SOLVES\s+UPDATED\s+DIGEST$", result.Lines[0]);
        Assert.Matches($@"^example\.com/cli/demo:v1\s+finished\s+2\s+0\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s+sha256:{descriptor.Digest.Hex[..12]}$", result.Lines[1]);
        Assert.Matches(@"^example\.com/cli/solves:v1\s+finished\s+1\s+2\s", result.Lines[2]);
    }

    [Fact]
    public void Experiments_PrefixAndJson_FiltersAndHasExperimentRefFields()
    {
        registry.With(r =>
        {
            Fixtures.CommitExperiment(r);
            Fixtures.CommitExperimentWithSolves(r);
        });

        var json = registry.Ommx("experiments", "example.com/cli/demo", "--json").Json();

        var record = Assert.Single(json.GetProperty("experiments").EnumerateArray());
        Assert.Equal(Fixtures.Experiment, record.GetProperty("image_name").GetString());
        Assert.Equal("finished", record.GetProperty("status").GetString());
        Assert.Equal(2, record.GetProperty("run_count").GetInt32());
        Assert.Equal("qap", record.GetProperty("annotations").GetProperty("com.example.problem").GetString());
        Assert.Equal(0, json.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void Experiments_None_PrintsEmpty()
    {
        registry.With(_ => { }); // a read or delete command needs an existing root; it never creates one
        var result = registry.Ommx("experiments");

        Assert.Equal((0, "       Empty no Experiments found\n"), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public void Checkpoints_StatusFilter_ListsOnlyThatStatus()
    {
        registry.With(r =>
        {
            Fixtures.Checkpoint(r, "example.com/cli/failed:v1", ExperimentStatus.Failed);
            Fixtures.Checkpoint(r, "example.com/cli/draft:v1", ExperimentStatus.Draft);
        });

        var all = registry.Ommx("checkpoints", "--json").Json().GetProperty("checkpoints");
        var failed = registry.Ommx("checkpoints", "--status", "failed");

        Assert.Equal(["draft", "failed"], all.EnumerateArray().Select(c => c.GetProperty("status").GetString()));
        Assert.Equal("example.com/cli/draft:v1", all[0].GetProperty("requested_image_name").GetString());
        Assert.Contains(".ommx.local/checkpoint:", all[0].GetProperty("checkpoint_image_name").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, failed.ExitCode);
        Assert.Equal(3, failed.Lines.Length);
        Assert.StartsWith("example.com/cli/failed:v1", failed.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith(" yes", failed.Lines[1], StringComparison.Ordinal);
        Assert.Equal("resume one (RESUME yes) from its test project: dotnet test -p:OmmxResume=true -p:OmmxResumeFrom=<IMAGE> (without OmmxResumeFrom: the project's newest)", failed.Lines[2]);
    }

    [Fact]
    public void Checkpoints_ResumedOrDraft_NotMarkedResumableAndNoResumeCommand()
    {
        registry.With(r =>
        {
            Fixtures.Checkpoint(r, "example.com/cli/failed:v1", ExperimentStatus.Failed);
            Fixtures.Checkpoint(r, "example.com/cli/draft:v1", ExperimentStatus.Draft);
            // A later recording names the failed checkpoint as its subject, as a resumed test run does.
            using var checkpoint = Experiment.Load(r, ExperimentCatalog.ListCheckpoints(r, "example.com/cli/failed:").Checkpoints.Single().ImageName);
            using var resumed = checkpoint.Fork("example.com/cli/failed:v2");
            resumed.Commit();
        });

        var result = registry.Ommx("checkpoints");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Lines.Length);
        Assert.EndsWith(" -", result.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith(" resumed", result.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoints_UnknownStatus_ExitsUsageWithOmmxMessage()
    {
        var result = registry.Ommx("checkpoints", "--status", "finished");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: Unknown Experiment checkpoint status `finished`; expected `draft`, `failed`, or `interrupted`", result.Stderr.TrimEnd());
        Assert.False(Directory.Exists(registry.Root));
    }

    /// <summary>
    /// An Experiment whose config another tool wrote badly (<c>runs</c> an object, not an array): the listing warns
    /// on one line and lists the rest; inspect refuses on one line; neither prints a stack trace.
    /// </summary>
    [Fact]
    public void ExperimentsAndInspect_BadConfigInRegistry_OneLineEachNoStackTrace()
    {
        const string bad = "example.com/cli/broken:v1";
        registry.With(r =>
        {
            var good = r.ReadManifest(Fixtures.CommitExperiment(r).Digest).Manifest;
            var config = System.Text.Json.Nodes.JsonNode.Parse(r.Blobs.Read(good.Config))!;
            config["runs"] = new System.Text.Json.Nodes.JsonObject();
            var configBytes = System.Text.Encoding.UTF8.GetBytes(config.ToJsonString());
            r.Blobs.Put(configBytes);
            var broken = new Oci.ImageManifest(good.ArtifactType, Oci.Descriptor.ForBytes(Oci.MediaTypes.ExperimentConfig, configBytes), good.Layers);
            r.Publish(Oci.ImageReference.Parse(bad), r.StoreManifest(broken).Digest);
        });

        var listing = registry.Ommx("experiments");
        var inspect = registry.Ommx("inspect", bad);

        Assert.Equal(0, listing.ExitCode);
        Assert.Equal(2, listing.Lines.Length);
        Assert.StartsWith(Fixtures.Experiment, listing.Lines[1], StringComparison.Ordinal);
        var warning = Assert.Single(listing.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(bad, warning, StringComparison.Ordinal);
        Assert.Contains("`runs` must be an array", warning, StringComparison.Ordinal);
        Assert.NotEqual(0, inspect.ExitCode);
        var error = Assert.Single(inspect.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Error: ", error, StringComparison.Ordinal);
        Assert.Contains("`runs` must be an array", error, StringComparison.Ordinal);
    }

    public void Dispose() => registry.Dispose();
}
