using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Listing;

/// <summary>
/// One listed artifact: its ref, manifest digest, last update, artifact type, config digest, manifest
/// annotations and the verbatim manifest (and, for Experiments, config) bytes from the cache.
/// </summary>
internal sealed record ArtifactRecord
{
    public required ImageReference Image { get; init; }

    public string ImageName => Image.ToString();

    public required Digest ManifestDigest { get; init; }

    public required string UpdatedAt { get; init; }

    public required string ArtifactType { get; init; }

    public required Digest ConfigDigest { get; init; }

    public required ImageManifest Manifest { get; init; }

    public required byte[] ManifestJson { get; init; }

    /// <summary>The Experiment config bytes (Experiments only).</summary>
    public byte[]? ConfigJson { get; init; }

    public IReadOnlyDictionary<string, string> Annotations =>
        Manifest.Annotations ?? new Dictionary<string, string>();

    public bool IsExperiment => ArtifactType == MediaTypes.OmmxExperiment;
}
