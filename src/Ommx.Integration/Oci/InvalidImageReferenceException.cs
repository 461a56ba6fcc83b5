using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ommx.Integration.Oci;

/// <summary>
/// Raised when a string is not a valid OCI image reference. The message has the exact shape
/// <c>Invalid image reference "&lt;input&gt;": &lt;reason&gt;</c> that OMMX prints, with the input
/// quoted the way Rust's <c>{:?}</c> formatting quotes a string.
/// </summary>
internal sealed class InvalidImageReferenceException : OmmxException
{
    public InvalidImageReferenceException(string input, string reason)
        : base(FormatMessage(input, reason))
    {
        Input = input;
        Reason = reason;
    }

    /// <summary>The text that failed to parse, exactly as it was given.</summary>
    public string Input { get; }

    /// <summary>The reason text (for example <c>invalid reference format</c>).</summary>
    public string Reason { get; }

    private static string FormatMessage(string input, string reason)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(reason);
        return "Invalid image reference " + DebugQuote(input) + ": " + reason;
    }

    /// <summary>
    /// Quotes <paramref name="value"/> the way Rust's <c>Debug</c> formatting of a <c>str</c> does:
    /// double quotes around it; <c>\</c> and <c>"</c> escaped with a backslash; NUL, tab, CR and LF
    /// as <c>\0</c>, <c>\t</c>, <c>\r</c>, <c>\n</c>; other non-printable characters (controls,
    /// format characters, separators other than the ASCII space, private-use, unassigned, unpaired
    /// surrogates, and grapheme extenders such as combining marks) as <c>\u{hex}</c> in lower case.
    /// The single quote is not escaped. Grapheme_Extend is approximated (non-spacing and enclosing
    /// marks plus a few listed characters) and Unicode versions differ, so rare characters may come
    /// out differently from Rust.
    /// </summary>
    internal static string DebugQuote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        var remaining = value.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != OperationStatus.Done)
            {
                // An unpaired surrogate: Rust strings cannot hold one, so escape the code unit.
                AppendUnicodeEscape(builder, remaining[0]);
                remaining = remaining[consumed..];
                continue;
            }

            remaining = remaining[consumed..];
            switch (rune.Value)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\0':
                    builder.Append("\\0");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                default:
                    if (NeedsUnicodeEscape(rune))
                    {
                        AppendUnicodeEscape(builder, rune.Value);
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    private static void AppendUnicodeEscape(StringBuilder builder, int codePoint) =>
        builder.Append("\\u{").Append(codePoint.ToString("x", CultureInfo.InvariantCulture)).Append('}');

    private static bool NeedsUnicodeEscape(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return false;
        }

        // Grapheme_Extend outside the mark categories: halfwidth sound marks, emoji skin tones.
        if (rune.Value is 0xFF9E or 0xFF9F or (>= 0x1F3FB and <= 0x1F3FF))
        {
            return true;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.SpaceSeparator:
                return true;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.EnclosingMark:
                return true;
            default:
                return false;
        }
    }
}
