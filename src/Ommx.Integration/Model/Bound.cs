namespace Ommx.Integration.Model;

/// <summary>The closed interval a decision variable lives in; open sides are infinities.</summary>
public readonly record struct Bound(double Lower, double Upper)
{
    /// <summary>(−∞, +∞).</summary>
    public static Bound Unbounded { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>[0, 1].</summary>
    public static Bound ZeroOne { get; } = new(0, 1);

    /// <summary>[0, +∞).</summary>
    public static Bound NonNegative { get; } = new(0, double.PositiveInfinity);

    /// <summary>True when both sides are finite.</summary>
    public bool IsFinite => double.IsFinite(Lower) && double.IsFinite(Upper);

    /// <summary><c>lower − atol ≤ value ≤ upper + atol</c>.</summary>
    public bool Contains(double value, double atol) => Lower - atol <= value && value <= Upper + atol;

    /// <summary>The point of the interval closest to zero (lower if lower ≥ 0, upper if upper ≤ 0, else 0).</summary>
    public double NearestToZero => Lower >= 0 ? Lower : Upper <= 0 ? Upper : 0;

    public override string ToString() => FormattableString.Invariant($"[{Lower}, {Upper}]");
}
