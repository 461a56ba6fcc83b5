using System.Globalization;

namespace Ommx.Integration.Registry;

/// <summary>
/// <c>updated_at</c> text as OMMX writes it (chrono <c>to_rfc3339</c>): UTC, <c>+00:00</c>, and the
/// shortest exact fraction of 3, 6 or 9 digits (none when whole seconds).
/// </summary>
internal static class RegistryTime
{
    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var nanos = (utc.Ticks % TimeSpan.TicksPerSecond) * 100;
        var fraction = nanos switch
        {
            0 => string.Empty,
            _ when nanos % 1_000_000 == 0 => "." + (nanos / 1_000_000).ToString("D3", CultureInfo.InvariantCulture),
            _ when nanos % 1_000 == 0 => "." + (nanos / 1_000).ToString("D6", CultureInfo.InvariantCulture),
            _ => "." + nanos.ToString("D9", CultureInfo.InvariantCulture),
        };
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "+00:00";
    }

    public static string Now() => Format(DateTimeOffset.UtcNow);

    /// <summary>Parses RFC 3339 with <c>Z</c> or an offset.</summary>
    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out time)
        && text.Contains('T', StringComparison.Ordinal);
}
