using Ommx.Integration.Tool.Tests.TestSupport;
using Snapshooter.Xunit;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class InspectCommandTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void Inspect_Experiment_ShowsStatusAnnotationsAttachmentsAndParameterTable()
    {
        registry.With(r => Fixtures.CommitExperiment(r));

        var result = registry.Ommx("inspect", Fixtures.Experiment);

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(registry.Mask(result.Stdout));
    }

    [Fact]
    public void Inspect_Run_ShowsSolvesWithObjectiveAndFeasibility()
    {
        registry.With(r => Fixtures.CommitExperimentWithSolves(r));

        var result = registry.Ommx("inspect", Fixtures.SolveExperiment, "--run", "0");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(registry.Mask(result.Stdout));
    }

    [Fact]
    public void Inspect_Artifact_ShowsLayers()
    {
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, "layer-0"u8.ToArray(), "layer-1"u8.ToArray()));

        var result = registry.Ommx("inspect", Fixtures.Artifact);

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(registry.Mask(result.Stdout));
    }

    [Fact]
    public void Inspect_Json_HasManifestExperimentAndSolveSummary()
    {
        var descriptor = registry.With(r => Fixtures.CommitExperimentWithSolves(r));

        var json = registry.Ommx("inspect", Fixtures.SolveExperiment, "--json").Json();

        Assert.Equal(descriptor.Digest.ToString(), json.GetProperty("manifest_digest").GetString());
        Assert.Equal("application/org.ommx.v1.experiment", json.GetProperty("manifest").GetProperty("artifactType").GetString());
        var run = json.GetProperty("experiment").GetProperty("runs")[0];
        Assert.Equal(7, run.GetProperty("parameters").GetProperty("seed").GetInt64());
        var solve = run.GetProperty("solves")[0];
        Assert.Equal((42.5, true), (solve.GetProperty("objective").GetDouble(), solve.GetProperty("feasible").GetBoolean()));
        Assert.Equal("{\"time_limit\": 1.5}", solve.GetProperty("adapter_options").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.GetProperty("solves")[1].GetProperty("objective").ValueKind);
    }

    [Fact]
    public void Inspect_Checkpoint_ShowsStatusAndReason()
    {
        registry.With(r => Fixtures.Checkpoint(r, "example.com/cli/failed:v1", Experiments.ExperimentStatus.Failed));
        var checkpoint = registry.Ommx("checkpoints", "--json").Json().GetProperty("checkpoints")[0].GetProperty("checkpoint_image_name").GetString()!;

        var result = registry.Ommx("inspect", checkpoint);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("      Status failed (ValueError: boom)\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("   Requested example.com/cli/failed:v1\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_UnknownRun_ExitsProblems()
    {
        registry.With(r => Fixtures.CommitExperiment(r));

        var result = registry.Ommx("inspect", Fixtures.Experiment, "--run", "9");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Run 9 not found in Experiment example.com/cli/demo:v1", result.Stderr.TrimEnd());
    }

    [Fact]
    public void Inspect_MissingImage_ExitsProblems()
    {
        registry.With(_ => { }); // a read command needs an existing root; it never creates one
        var result = registry.Ommx("inspect", "example.com/cli/missing:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Artifact not found in the Local Registry: example.com/cli/missing:v1", result.Stderr.TrimEnd());
    }

    [Fact]
    public void Inspect_RunNotANumber_ExitsUsage() =>
        Assert.Equal(2, registry.Ommx("inspect", Fixtures.Experiment, "--run", "first").ExitCode);

    public void Dispose() => registry.Dispose();
}
