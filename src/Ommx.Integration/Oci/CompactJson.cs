using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ommx.Integration.Oci;

/// <summary>
/// Writes compact JSON the way OMMX (serde_json) does: no whitespace, only <c>"</c>, <c>\</c> and
/// control characters escaped (<c>\b \f \n \r \t</c>, others <c>\u00xx</c>), everything else raw UTF-8.
/// With <c>sortKeys</c> every object's keys are ordered by their UTF-8 bytes, recursively — the
/// "stable JSON" OMMX uses for manifests.
/// </summary>
internal static class CompactJson
{
    /// <summary>
    /// Values: <c>null</c>, <see cref="bool"/>, integers, <see cref="string"/>,
    /// <see cref="JsonObjectBuilder"/> and <see cref="IEnumerable{T}"/> of values.
    /// </summary>
    public static byte[] Serialize(object? value, bool sortKeys)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, value, sortKeys);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> output, object? value, bool sortKeys)
    {
        switch (value)
        {
            case null:
                Raw(output, "null");
                break;
            case bool b:
                Raw(output, b ? "true" : "false");
                break;
            case string s:
                WriteString(output, s);
                break;
            case int or long or uint or ulong:
                Raw(output, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case JsonObjectBuilder obj:
                WriteObject(output, obj, sortKeys);
                break;
            case System.Collections.IEnumerable items:
                output.Write("["u8);
                var first = true;
                foreach (var item in items)
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }

                    first = false;
                    Write(output, item, sortKeys);
                }

                output.Write("]"u8);
                break;
            default:
                throw new ArgumentException($"Unsupported JSON value type {value.GetType()}", nameof(value));
        }
    }

    private static void WriteObject(ArrayBufferWriter<byte> output, JsonObjectBuilder obj, bool sortKeys)
    {
        IEnumerable<KeyValuePair<string, object?>> pairs = obj;
        if (sortKeys)
        {
            pairs = obj.OrderBy(p => p.Key, Utf8OrdinalComparer.Instance);
        }

        output.Write("{"u8);
        var first = true;
        foreach (var (key, item) in pairs)
        {
            if (!first)
            {
                output.Write(","u8);
            }

            first = false;
            WriteString(output, key);
            output.Write(":"u8);
            Write(output, item, sortKeys);
        }

        output.Write("}"u8);
    }

    /// <summary>
    /// Writes <paramref name="s"/> as a JSON string straight into <paramref name="output"/>: runs of characters that
    /// need no escape are transcoded in one piece (a lone surrogate becomes U+FFFD, as <see cref="Encoding.UTF8"/>
    /// does), nothing is built on the way.
    /// </summary>
    public static void WriteString(IBufferWriter<byte> output, string s)
    {
        output.Write("\""u8);
        var text = s.AsSpan();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            Utf8(output, text[start..i]);
            WriteEscape(output, c);
            start = i + 1;
        }

        Utf8(output, text[start..]);
        output.Write("\""u8);
    }

    /// <summary>
    /// Writes UTF-8 text as a JSON string, escaped as <see cref="WriteString"/> escapes it: the same bytes as
    /// <c>WriteString(output, Encoding.UTF8.GetString(utf8))</c> for valid UTF-8, without the string.
    /// </summary>
    public static void WriteUtf8AsString(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        output.Write("\""u8);
        var start = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b >= 0x20 && b != (byte)'"' && b != (byte)'\\')
            {
                continue;
            }

            output.Write(utf8[start..i]);
            WriteEscape(output, b);
            start = i + 1;
        }

        output.Write(utf8[start..]);
        output.Write("\""u8);
    }

    /// <summary>The escape of one character JSON strings may not hold as is (a quote, a backslash, a control character).</summary>
    private static void WriteEscape(IBufferWriter<byte> output, int c)
    {
        switch (c)
        {
            case '"': output.Write("\\\""u8); break;
            case '\\': output.Write("\\\\"u8); break;
            case '\b': output.Write("\\b"u8); break;
            case '\f': output.Write("\\f"u8); break;
            case '\n': output.Write("\\n"u8); break;
            case '\r': output.Write("\\r"u8); break;
            case '\t': output.Write("\\t"u8); break;
            default:
                var escape = output.GetSpan(6);
                "\\u00"u8.CopyTo(escape);
                escape[4] = Hex[c >> 4];
                escape[5] = Hex[c & 0xF];
                output.Advance(6);
                break;
        }
    }

    /// <summary>An integer as <see cref="Serialize"/> writes it (invariant digits).</summary>
    public static void WriteNumber(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(20);
        _ = System.Buffers.Text.Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    /// <inheritdoc cref="WriteNumber(IBufferWriter{byte}, ulong)"/>
    public static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        _ = System.Buffers.Text.Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    private static void Raw(IBufferWriter<byte> output, string text) => Utf8(output, text);

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, asking the writer for exactly as much room as they take.</summary>
    private static void Utf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetByteCount(text));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
