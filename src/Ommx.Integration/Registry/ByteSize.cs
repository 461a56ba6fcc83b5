using System.Globalization;

namespace Ommx.Integration.Registry;

/// <summary>Human byte counts as OMMX prints them: <c>512 B</c>, <c>1.5 KiB</c>, … up to TiB.</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("F1", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
