using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>
/// A product of decision variables, as the sorted multiset of their ids (<c>[1, 1, 4]</c> = x1²·x4).
/// The empty monomial is the constant 1. Ordered by degree, then by ids.
/// </summary>
public readonly struct Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    private readonly ImmutableArray<ulong> _ids;

    private Monomial(ImmutableArray<ulong> sortedIds) => _ids = sortedIds;

    /// <summary>The constant monomial 1.</summary>
    public static Monomial One => default;

    /// <summary>The variable ids, ascending, repeated for powers.</summary>
    public ImmutableArray<ulong> Ids => _ids.IsDefault ? [] : _ids;

    public int Degree => _ids.IsDefault ? 0 : _ids.Length;

    public static Monomial Of(params ReadOnlySpan<ulong> ids)
    {
        if (ids.Length == 0)
        {
            return One;
        }

        var sorted = ids.ToArray();
        Array.Sort(sorted);
        return new Monomial(ImmutableArray.Create(sorted));
    }

    public static Monomial Linear(ulong id) => new([id]);

    public static Monomial Quadratic(ulong a, ulong b) => a <= b ? new([a, b]) : new([b, a]);

    public Monomial Multiply(Monomial other)
    {
        if (other.Degree == 0)
        {
            return this;
        }

        if (Degree == 0)
        {
            return other;
        }

        var merged = new ulong[Degree + other.Degree];
        Ids.CopyTo(merged);
        other.Ids.CopyTo(merged, Degree);
        Array.Sort(merged);
        return new Monomial(ImmutableArray.Create(merged));
    }

    public bool Equals(Monomial other) => Ids.AsSpan().SequenceEqual(other.Ids.AsSpan());

    public override bool Equals(object? obj) => obj is Monomial other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var id in Ids)
        {
            hash.Add(id);
        }

        return hash.ToHashCode();
    }

    public int CompareTo(Monomial other)
    {
        var byDegree = Degree.CompareTo(other.Degree);
        return byDegree != 0 ? byDegree : Ids.AsSpan().SequenceCompareTo(other.Ids.AsSpan());
    }

    public static bool operator ==(Monomial left, Monomial right) => left.Equals(right);

    public static bool operator !=(Monomial left, Monomial right) => !left.Equals(right);

    public static bool operator <(Monomial left, Monomial right) => left.CompareTo(right) < 0;

    public static bool operator >(Monomial left, Monomial right) => left.CompareTo(right) > 0;

    public static bool operator <=(Monomial left, Monomial right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Monomial left, Monomial right) => left.CompareTo(right) >= 0;

    public override string ToString() => Degree == 0 ? "1" : string.Join("*", Ids.Select(id => $"x{id}"));
}
