using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Inspection;

/// <summary>Reads what inspect shows of one ref: its manifest and, when it is an Experiment of any status, the Experiment.</summary>
internal static class ArtifactInspector
{
    private static readonly ExperimentStatus[] AnyStatus =
        [ExperimentStatus.Finished, ExperimentStatus.Draft, ExperimentStatus.Failed, ExperimentStatus.Interrupted];

    /// <exception cref="ArtifactNotFoundException">No ref <paramref name="image"/>.</exception>
    public static ArtifactView Inspect(LocalRegistry registry, ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        var row = registry.FindRef(image) ?? throw new ArtifactNotFoundException($"Artifact not found in the Local Registry: {image}");
        var stored = registry.ReadManifest(RefRows.ToDigest(row));
        var experiment = stored.Manifest.ArtifactType == MediaTypes.OmmxExperiment
            ? ExperimentArtifactReader.Read(registry, stored, AnyStatus)
            : null;
        return new ArtifactView(registry, image, row, stored, experiment);
    }
}
