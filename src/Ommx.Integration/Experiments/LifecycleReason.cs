using System.Text;

namespace Ommx.Integration.Experiments;

/// <summary>
/// OMMX's normalised failure reason: <c>&lt;ExceptionType&gt;: &lt;message&gt;</c> (just the type when the
/// message is blank), whitespace runs collapsed, at most 512 characters with <c>…</c> marking a cut.
/// </summary>
internal static class LifecycleReason
{
    public const int MaxLength = 512;

    public static string FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception.GetType().Name;
        return Normalize(string.IsNullOrWhiteSpace(exception.Message) ? type : $"{type}: {exception.Message}");
    }

    public static string Normalize(string? text)
    {
        var collapsed = new StringBuilder();
        var pendingSpace = false;
        foreach (var c in (text ?? string.Empty).Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && collapsed.Length > 0)
            {
                collapsed.Append(' ');
            }

            pendingSpace = false;
            collapsed.Append(c);
        }

        if (collapsed.Length == 0)
        {
            return "exception";
        }

        var runes = collapsed.ToString().EnumerateRunes().ToList();
        if (runes.Count <= MaxLength)
        {
            return collapsed.ToString();
        }

        var sb = new StringBuilder();
        foreach (var rune in runes.Take(MaxLength - 1))
        {
            sb.Append(rune.ToString());
        }

        return sb.Append('…').ToString();
    }
}
