using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Inspection;

/// <summary>
/// One stored artifact as inspect shows it: the ref, its manifest and, for an Experiment (committed or a
/// checkpoint of any status), the decoded Experiment. Read from a registry by <see cref="ArtifactInspector"/>.
/// </summary>
internal sealed record ArtifactView(
    LocalRegistry Registry,
    ImageReference Image,
    RegistryRef Row,
    StoredManifest Stored,
    LoadedExperiment? Experiment)
{
    /// <summary>The Run <paramref name="runId"/> of this Experiment.</summary>
    /// <exception cref="InvalidOperationException">This artifact is not an Experiment.</exception>
    /// <exception cref="OmmxException">The Experiment has no such Run.</exception>
    public RunRecord FindRun(ulong runId)
    {
        var experiment = Experiment ?? throw new InvalidOperationException($"{Image} is not an Experiment");
        return experiment.Content.Runs.TryGetValue(runId, out var run)
            ? run
            : throw new OmmxException($"Run {runId} not found in Experiment {Image}");
    }

    /// <summary>The Solution summary of a Solve's output layer, or <c>null</c> when there is none or it cannot be read.</summary>
    public SolutionSummary? Summarize(SolveRecord solve)
    {
        ArgumentNullException.ThrowIfNull(solve);
        if (solve.Output is not { } output)
        {
            return null;
        }

        try
        {
            return SolutionSummary.TryRead(output.MediaType, Registry.Blobs.Read(output));
        }
        catch (OmmxException)
        {
            return null;
        }
    }
}
