using System.Buffers;
using System.Globalization;
using System.Text;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Oci;

public sealed class CompactJsonTests
{
    /// <summary>Strings built to break a writer or comparer that works on UTF-16 instead of UTF-8 bytes.</summary>
    private static readonly string[] Hostile =
    [
        string.Empty, "a", "ab", "abc", "b", "A", "Z", "~", "\u007f", "\u0080", "é", "\u07ff", "\u0800", "\ud7ff",
        "\ue000", "\uffff", "\ufffd", "\U0001F600", "\U0010FFFF", "a\U0001F600", "a\ue000", "a\ud800", "\ud800",
        "\udc00", "\ud800a", "\udc00\ud800", "x\ud800\udc00y", "\"", "\\", "\"\\", "\b\f\n\r\t", "\u0000\u0001\u001f",
        "a\u001fb", "mixed \"quote\" and \\ and \n and \U0001F600 and \ud800 end", new string('o', 1024),
        "test.display_name", "test.id", "trait.Category", "org.opencontainers.image.title",
    ];

    [Fact]
    public void WriteString_HostileStrings_SameBytesAsEscapingThenEncoding()
    {
        foreach (var s in Hostile)
        {
            var buffer = new ArrayBufferWriter<byte>(1);
            CompactJson.WriteString(buffer, s);
            Assert.Equal(Reference(s), buffer.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void Utf8OrdinalComparer_HostileStrings_OrdersAsTheirUtf8Bytes()
    {
        foreach (var x in Hostile)
        {
            foreach (var y in Hostile.Concat(Hostile.Select(h => h + "\ud800")))
            {
                var expected = Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));
                Assert.True(expected == Math.Sign(Utf8OrdinalComparer.Instance.Compare(x, y)), $"{Escape(x)} vs {Escape(y)}");
                Assert.True(-expected == Math.Sign(Utf8OrdinalComparer.Instance.Compare(y, x)), $"{Escape(y)} vs {Escape(x)}");
            }
        }
    }

    [Fact]
    public void WriteStringAndCompare_AllocateNothing()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var text = "Bench.Tests.GeneratedTests12.Fact1234 \"quoted\" \\ tab\t é \U0001F600";
        CompactJson.WriteString(buffer, text);
        _ = Utf8OrdinalComparer.Instance.Compare("test.display_name", "test.duration_seconds");
        buffer.ResetWrittenCount();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            CompactJson.WriteString(buffer, text);
            _ = Utf8OrdinalComparer.Instance.Compare("test.display_name", "test.duration_seconds");
            _ = Utf8OrdinalComparer.Instance.Compare("\ue000", "\U0001F600x") == 0 ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The one comparison that meets a surrogate pair takes the byte path (two small arrays); nothing else allocates.
        Assert.True(allocated <= 100 * 96, $"{allocated} bytes allocated for 100 strings written and 300 comparisons");
    }

    private static byte[] Reference(string s)
    {
        var escaped = new StringBuilder("\"");
        foreach (var c in s)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\u00" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return Encoding.UTF8.GetBytes(escaped.Append('"').ToString());
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x80 && c >= 0x20 ? c.ToString() : $"\\u{(int)c:x4}"));
}
