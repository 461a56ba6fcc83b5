using System.Globalization;

namespace Ommx.Integration.Experiments;

/// <summary>One run-parameter value: a bool, a 64-bit integer, a double (NaN and ±∞ allowed) or a string.</summary>
public readonly record struct RunParameterValue
{
    private readonly long integer;
    private readonly double real;
    private readonly string? text;

    private RunParameterValue(RunParameterKind kind, long integer, double real, string? text)
    {
        Kind = kind;
        this.integer = integer;
        this.real = real;
        this.text = text;
    }

    public RunParameterKind Kind { get; }

    public static RunParameterValue From(bool value) => new(RunParameterKind.Bool, value ? 1 : 0, 0, null);

    public static RunParameterValue From(long value) => new(RunParameterKind.Int64, value, 0, null);

    public static RunParameterValue From(double value) => new(RunParameterKind.Float64, 0, value, null);

    public static RunParameterValue From(string value) =>
        new(RunParameterKind.String, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public bool AsBool() => Kind == RunParameterKind.Bool ? integer != 0 : throw Wrong(RunParameterKind.Bool);

    public long AsInt64() => Kind == RunParameterKind.Int64 ? integer : throw Wrong(RunParameterKind.Int64);

    public double AsDouble() => Kind == RunParameterKind.Float64 ? real : throw Wrong(RunParameterKind.Float64);

    public string AsString() => Kind == RunParameterKind.String ? text! : throw Wrong(RunParameterKind.String);

    /// <summary>The int64 value as a double (promotion), or the double itself.</summary>
    internal double ToDouble() => Kind == RunParameterKind.Int64 ? integer : AsDouble();

    public bool Equals(RunParameterValue other) =>
        Kind == other.Kind && integer == other.integer && text == other.text
        && (real.Equals(other.real) || (double.IsNaN(real) && double.IsNaN(other.real)));

    public override int GetHashCode() => HashCode.Combine(Kind, integer, text, real);

    private InvalidOperationException Wrong(RunParameterKind wanted) =>
        new($"Run parameter is {RunParameterTable.TypeName(Kind)}, not {RunParameterTable.TypeName(wanted)}");

    /// <summary>How pandas prints the value: <c>True</c>, <c>20.0</c>, <c>NaN</c>, <c>inf</c>, plain ints and strings.</summary>
    public override string ToString() => Kind switch
    {
        RunParameterKind.Bool => integer != 0 ? "True" : "False",
        RunParameterKind.Int64 => integer.ToString(CultureInfo.InvariantCulture),
        RunParameterKind.Float64 => FormatDouble(real),
        _ => text!,
    };

    internal static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var s = value.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) ? s : s + ".0";
    }
}
