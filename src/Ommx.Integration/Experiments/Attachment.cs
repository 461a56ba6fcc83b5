using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>
/// A stored attachment: the layer descriptor as stored (possibly <c>+zstd</c> with the compression
/// annotation) and, for files, the original basename.
/// </summary>
internal sealed record Attachment(Descriptor Stored, string? Filename)
{
    public const string CompressionAnnotation = "org.ommx.v1.attachment.compression";

    public bool IsCompressed => Stored.Annotations?.TryGetValue(CompressionAnnotation, out var v) == true && v == "zstd";

    /// <summary>The media type the caller logged (without the storage <c>+zstd</c> suffix).</summary>
    public string MediaType => IsCompressed ? Stored.MediaType[..^"+zstd".Length] : Stored.MediaType;
}
