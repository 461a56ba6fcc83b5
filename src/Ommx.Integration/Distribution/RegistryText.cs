using System.Globalization;
using System.Text;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Text a registry controls (error codes and messages, reason phrases, header values, host names from its
/// URLs) made safe to print: control characters (C0 including CR, LF, TAB, ESC and NUL; DEL; C1), bidi
/// overrides and invisible format characters, and unpaired surrogates are shown as <c>\xHH</c> or
/// <c>\uHHHH</c>, so a registry cannot move the cursor, recolour or rewrite a terminal line, or forge one.
/// Long text is cut at <see cref="MaxChars"/>.
/// </summary>
internal static class RegistryText
{
    public const int MaxChars = 512;

    public static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = new StringBuilder(Math.Min(text.Length, MaxChars) + 16);
        for (var i = 0; i < text.Length && result.Length < MaxChars; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (c < 0x20 || c is >= '\u007f' and <= '\u009f')
            {
                result.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                result.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.Length >= MaxChars ? result.Append('…').ToString() : result.ToString();
    }
}
