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

        // UTF-16 ordinal order equals UTF-8 byte order unless surrogates meet U+E000..U+FFFF.
        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
