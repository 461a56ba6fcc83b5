using System.Globalization;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>Short forms for tables: digests cut to 12 hex digits, times to the second.</summary>
internal static class ListingText
{
    public static string ShortDigest(Digest digest) => "sha256:" + digest.Hex[..12];

    public static string Time(string updatedAt) =>
        RegistryTime.TryParse(updatedAt, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : updatedAt;

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
