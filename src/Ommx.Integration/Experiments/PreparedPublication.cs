using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>
/// What publishing a test host's prepared artifact did (<see cref="Experiment.TryPublishPrepared"/>): the manifest now
/// under the commit or checkpoint ref, and what the build step reports of it without reading its Runs.
/// </summary>
/// <param name="Manifest">The published manifest.</param>
/// <param name="Runs">Every Run it holds (as the host counted them when it sealed it).</param>
/// <param name="Annotations">The Experiment's annotations (from the manifest).</param>
/// <param name="Reason">The normalised failure reason of a checkpoint; <c>null</c> for a commit.</param>
/// <param name="PreservedCheckpoint">Another recording's failed or interrupted checkpoint the new one displaced, kept under this name.</param>
internal sealed record PreparedPublication(Descriptor Manifest, int Runs, IReadOnlyDictionary<string, string> Annotations, string? Reason, ImageReference? PreservedCheckpoint);
