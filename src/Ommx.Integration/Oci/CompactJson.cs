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

    public static void WriteString(IBufferWriter<byte> output, string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        Raw(output, sb.ToString());
    }

    private static void Raw(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var n = Encoding.UTF8.GetBytes(text, span);
        output.Advance(n);
    }
}
