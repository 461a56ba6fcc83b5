using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Inspection;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Inspection;

/// <summary>Inspect's view of an artifact, an Experiment and a Run, read in process from a real registry.</summary>
public sealed class ArtifactInspectorTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void Inspect_PlainArtifact_ManifestAndRefWithoutExperiment()
    {
        var stored = temp.Commit("example.com/team/plain:v1", "layer"u8.ToArray());

        var view = ArtifactInspector.Inspect(temp.Registry, ImageReference.Parse("example.com/team/plain:v1"));

        Assert.Null(view.Experiment);
        Assert.Equal(stored.Digest, view.Stored.Digest);
        Assert.Equal(MediaTypes.OmmxArtifact, view.Stored.Manifest.ArtifactType);
        Assert.Equal(stored.Digest.ToString(), view.Row.ManifestDigest);
        Assert.Throws<InvalidOperationException>(() => view.FindRun(0));
    }

    [Fact]
    public void Inspect_Experiment_DecodesItsRunsAndFindsOneRun()
    {
        SampleExperiments.Commit(temp.Registry, "example.com/team/inspected:v1", attachmentBytes: 16);

        var view = ArtifactInspector.Inspect(temp.Registry, ImageReference.Parse("example.com/team/inspected:v1"));

        var experiment = Assert.IsType<Ommx.Integration.Experiments.Format.LoadedExperiment>(view.Experiment);
        Assert.Equal(2, experiment.Content.Runs.Count);
        Assert.Equal("distribution", experiment.Content.Annotations["com.example.suite"]);
        var first = experiment.Content.Runs.Keys.Min();
        Assert.Equal("scip", view.FindRun(first).Parameters["solver"].ToString());
        var missing = Assert.Throws<OmmxException>(() => view.FindRun(first + 100));
        Assert.Contains($"Run {first + 100} not found in Experiment example.com/team/inspected:v1", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_UnknownRef_ArtifactNotFound()
    {
        var error = Assert.Throws<ArtifactNotFoundException>(() => ArtifactInspector.Inspect(temp.Registry, ImageReference.Parse("example.com/team/absent:v1")));

        Assert.Contains("example.com/team/absent:v1", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
