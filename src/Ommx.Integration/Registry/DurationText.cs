using System.Globalization;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>
/// OMMX's duration grammar for <c>--grace-period</c> and <c>--older-than</c>: an unsigned integer with an
/// optional <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> suffix (no suffix = seconds), with OMMX's error texts.
/// </summary>
internal static class DurationText
{
    public static TimeSpan Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length == 0)
        {
            throw new InvalidDurationException("duration must not be empty");
        }

        var last = input[^1];
        ulong multiplier;
        string number;
        switch (last)
        {
            case 's': multiplier = 1; number = input[..^1]; break;
            case 'm': multiplier = 60; number = input[..^1]; break;
            case 'h': multiplier = 3600; number = input[..^1]; break;
            case 'd': multiplier = 86400; number = input[..^1]; break;
            case >= '0' and <= '9': multiplier = 1; number = input; break;
            default:
                throw new InvalidDurationException($"invalid duration suffix in {InvalidImageReferenceException.DebugQuote(input)}; use s, m, h, or d");
        }

        if (!IsRustU64(number, out var value))
        {
            throw new InvalidDurationException($"invalid duration value in {InvalidImageReferenceException.DebugQuote(input)}");
        }

        ulong seconds;
        try
        {
            seconds = checked(value * multiplier);
        }
        catch (OverflowException)
        {
            throw new InvalidDurationException($"duration is too large: {input}");
        }

        return seconds >= (ulong)TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Formats a duration back in the same grammar, using the largest exact unit.</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        return seconds switch
        {
            0 => "0s",
            _ when seconds % 86400 == 0 => (seconds / 86400).ToString(CultureInfo.InvariantCulture) + "d",
            _ when seconds % 3600 == 0 => (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h",
            _ when seconds % 60 == 0 => (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m",
            _ => seconds.ToString(CultureInfo.InvariantCulture) + "s",
        };
    }

    private static bool IsRustU64(string s, out ulong value)
    {
        value = 0;
        var digits = s.StartsWith('+') ? s.AsSpan(1) : s.AsSpan();
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
