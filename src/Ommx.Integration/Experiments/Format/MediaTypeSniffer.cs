using Ommx.Integration.Experiments;

namespace Ommx.Integration.Experiments.Format;

/// <summary>Infers a media type from a file's first bytes (magic numbers); <c>application/octet-stream</c> otherwise.</summary>
internal static class MediaTypeSniffer
{
    private static readonly (byte[] Magic, string MediaType)[] Signatures =
    [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ("GIF8"u8.ToArray(), "image/gif"),
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([0x50, 0x4B, 0x03, 0x04], "application/zip"),
        ([0x1F, 0x8B], "application/gzip"),
        ([0x28, 0xB5, 0x2F, 0xFD], "application/zstd"),
        ("PAR1"u8.ToArray(), "application/vnd.apache.parquet"),
        ([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59], "application/vnd.numpy"),
    ];

    public static string Sniff(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, mediaType) in Signatures)
        {
            if (head.StartsWith(magic))
            {
                return mediaType;
            }
        }

        return Oci.MediaTypes.OctetStream;
    }
}
