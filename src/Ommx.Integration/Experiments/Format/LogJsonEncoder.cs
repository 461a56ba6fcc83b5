using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// The bytes of a <c>LogJson</c> attachment, by the OMMX Rust SDK's <c>log_json</c> rule: the value as a
/// JSON tree, every object's keys sorted by their UTF-8 bytes (recursively; a repeated key keeps its last
/// value), compact, strings raw UTF-8 with only <c>"</c>, <c>\</c> and control characters escaped.
/// Numbers as serde_json writes them: integers as written, floating-point values (a <see cref="double"/> or
/// <see cref="float"/>, and any number text with a fraction, an exponent or beyond 64 bits) in the shortest
/// round-trip form with a <c>.0</c> or exponent (<c>1.0</c>, <c>0.1</c>, <c>1e-7</c>, <c>1.5e20</c>);
/// NaN and infinities become <c>null</c>. The same value thus gets the same digest as OMMX gives it.
/// </summary>
internal static class LogJsonEncoder
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new DoubleAsRustJsonConverter(), new SingleAsRustJsonConverter() },
    };

    /// <exception cref="ArgumentException">The value is not JSON-serializable.</exception>
    public static byte[] Encode<T>(T value)
    {
        byte[] intermediate;
        try
        {
            intermediate = value is JsonNode node
                ? JsonSerializer.SerializeToUtf8Bytes(node, SerializerOptions)
                : JsonSerializer.SerializeToUtf8Bytes(value, SerializerOptions);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException($"Attachment value must be JSON-serializable: {e.Message}", nameof(value), e);
        }

        using var document = JsonDocument.Parse(intermediate);
        var output = new ArrayBufferWriter<byte>(intermediate.Length + 16);
        Write(output, document.RootElement);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A finite double as serde_json (ryu) writes it: shortest round-trip digits, always a <c>.0</c> or an exponent.</summary>
    public static string FormatFloat(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers have a JSON form");
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "R" gives .NET's shortest round-trip digits, the same digits ryu chooses; only the layout differs.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        integerDigits -= leadingZeros;

        // value = 0.digits × 10^kk, i.e. 10^(kk-1) <= value < 10^kk; k is the exponent of the last digit.
        var length = digits.Length;
        var kk = integerDigits + exponent;
        var k = kk - length;
        string body;
        if (k >= 0 && kk <= 16)
        {
            body = digits + new string('0', k) + ".0";
        }
        else if (kk > 0 && kk <= 16)
        {
            body = digits[..kk] + "." + digits[kk..];
        }
        else if (kk > -5 && kk <= 0)
        {
            body = "0." + new string('0', -kk) + digits;
        }
        else
        {
            var e = (kk - 1).ToString(CultureInfo.InvariantCulture);
            body = length == 1 ? digits + "e" + e : digits[..1] + "." + digits[1..] + "e" + e;
        }

        return value < 0 ? "-" + body : body;
    }

    private static void Write(ArrayBufferWriter<byte> output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Last value wins for a repeated key, as in serde_json's map.
                var members = new SortedDictionary<string, JsonElement>(Utf8OrdinalComparer.Instance);
                foreach (var property in element.EnumerateObject())
                {
                    members[property.Name] = property.Value;
                }

                output.Write("{"u8);
                var firstMember = true;
                foreach (var (name, value) in members)
                {
                    if (!firstMember)
                    {
                        output.Write(","u8);
                    }

                    firstMember = false;
                    CompactJson.WriteString(output, name);
                    output.Write(":"u8);
                    Write(output, value);
                }

                output.Write("}"u8);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        output.Write(","u8);
                    }

                    firstItem = false;
                    Write(output, item);
                }

                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                CompactJson.WriteString(output, element.GetString()!);
                break;
            case JsonValueKind.Number:
                WriteAscii(output, Number(element.GetRawText()));
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    /// <summary>serde_json's reading of a number: an integer that fits 64 bits stays an integer; anything else (and <c>-0</c>) is a double.</summary>
    private static string Number(string raw)
    {
        var isInteger = raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && raw != "-0";
        if (isInteger && (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                          || ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return raw;
        }

        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"JSON number {raw} is out of the range of a 64-bit float", nameof(raw));
        }

        return FormatFloat(value);
    }

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
