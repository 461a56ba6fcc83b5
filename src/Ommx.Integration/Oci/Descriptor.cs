namespace Ommx.Integration.Oci;

/// <summary>
/// An OCI content descriptor: what a blob is, its digest and its size.
/// Specification: https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md
/// </summary>
public sealed record Descriptor(string MediaType, Digest Digest, long Size)
{
    /// <summary>Descriptor annotations; <c>null</c> when the JSON has no <c>annotations</c> key.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public string? ArtifactType { get; init; }

    public static Descriptor ForBytes(string mediaType, ReadOnlySpan<byte> bytes) =>
        new(mediaType, Digest.Compute(bytes), bytes.Length);
}
