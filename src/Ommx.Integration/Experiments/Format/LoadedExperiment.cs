using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments.Format;

/// <summary>A decoded Experiment artifact: content plus lifecycle and where it came from.</summary>
internal sealed record LoadedExperiment(ExperimentContent Content, ExperimentStatus Status, string? Reason, ImageReference? RequestedName, int RunParametersIndex)
{
    public byte[] ConfigBytes { get; init; } = [];

    public StoredManifest? Manifest { get; init; }
}
