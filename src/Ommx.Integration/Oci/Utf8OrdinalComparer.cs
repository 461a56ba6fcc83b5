using System.Text;

namespace Ommx.Integration.Oci;

/// <summary>Orders strings by their UTF-8 bytes, as Rust's <c>BTreeMap&lt;String, _&gt;</c> does.</summary>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static readonly Utf8OrdinalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        // UTF-16 ordinal order equals UTF-8 byte order unless a surrogate is involved (a pair sorts above
        // U+E000..U+FFFF in UTF-8, a lone one is encoded as U+FFFD): only then are the bytes compared.
        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            // One is a prefix of the other; a split pair at the end of the shorter one changes its bytes.
            var shorter = common == x.Length ? x : y;
            return common > 0 && char.IsHighSurrogate(shorter[common - 1]) ? CompareBytes(x, y) : x.Length.CompareTo(y.Length);
        }

        var (a, b) = (x[common], y[common]);
        return char.IsSurrogate(a) || char.IsSurrogate(b) || (common > 0 && char.IsHighSurrogate(x[common - 1]))
            ? CompareBytes(x, y)
            : a.CompareTo(b);
    }

    private static int CompareBytes(string x, string y) =>
        Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
}
