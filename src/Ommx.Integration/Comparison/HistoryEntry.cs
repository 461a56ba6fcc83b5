using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Comparison;

/// <summary>One Experiment of a repository's history.</summary>
/// <param name="Image">The name it was recorded under (a failed checkpoint's requested name).</param>
/// <param name="StoredAs">The ref that holds it (the internal checkpoint ref for a checkpoint).</param>
/// <param name="Status">Finished, failed or interrupted.</param>
/// <param name="Created">When it was recorded (<c>org.opencontainers.image.created</c>, else when its ref was written).</param>
/// <param name="Revision">The git revision it was recorded at (<c>org.opencontainers.image.revision</c>), when known.</param>
internal sealed record HistoryEntry(ImageReference Image, ImageReference StoredAs, ExperimentStatus Status, string Created, string? Revision);
