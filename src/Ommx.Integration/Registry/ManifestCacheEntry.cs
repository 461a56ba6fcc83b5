using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>
/// The listing-cache rows written with a ref: the verbatim manifest bytes with two projections, and for
/// Experiments the verbatim config bytes.
/// </summary>
internal sealed record ManifestCacheEntry(Digest ManifestDigest, byte[] ManifestJson, string ArtifactType, Digest ConfigDigest)
{
    public byte[]? ExperimentConfigJson { get; init; }
}
