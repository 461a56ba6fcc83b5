using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Commands;

/// <summary>What <c>ommx inspect</c> read: the ref, its manifest and, for Experiments, the decoded content.</summary>
internal sealed record InspectView(
    LocalRegistry Registry,
    ImageReference Image,
    RegistryRef Row,
    StoredManifest Stored,
    LoadedExperiment? Experiment,
    RunRecord? Run)
{
    /// <summary>The Solution summary of a Solve's output layer, or <c>null</c> when there is none or it cannot be read.</summary>
    public SolutionSummary? Summarize(SolveRecord solve)
    {
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
