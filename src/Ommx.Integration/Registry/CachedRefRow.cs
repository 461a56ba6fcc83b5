namespace Ommx.Integration.Registry;

/// <summary>A ref row joined with its manifest and Experiment-config cache rows (nulls when absent).</summary>
internal sealed record CachedRefRow(RawRefRow Ref, object? ManifestJson, object? ArtifactType, object? ConfigDigest, object? ConfigJson);
