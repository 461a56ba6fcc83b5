using System.Globalization;
using System.Numerics;

namespace Ommx.Integration.Experiments;

/// <summary>
/// One run-parameter value: a bool, an int64, a float64 (NaN and infinities included) or a string.
/// </summary>
public readonly record struct RunParameterValue
{
    private readonly long _integer;
    private readonly double _real;
    private readonly string? _text;

    private RunParameterValue(RunParameterKind kind, long integer, double real, string? text)
    {
        Kind = kind;
        _integer = integer;
        _real = real;
        _text = text;
    }

    /// <summary>Which of the four types this value holds.</summary>
    public RunParameterKind Kind { get; }

    public static RunParameterValue From(bool value) => new(RunParameterKind.Bool, value ? 1 : 0, 0, null);

    public static RunParameterValue From(long value) => new(RunParameterKind.Int64, value, 0, null);

    public static RunParameterValue From(double value) => new(RunParameterKind.Float64, 0, value, null);

    public static RunParameterValue From(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(RunParameterKind.String, 0, 0, value);
    }

    public bool AsBool() => Kind == RunParameterKind.Bool ? _integer != 0 : throw WrongKind(RunParameterKind.Bool);

    public long AsInt64() => Kind == RunParameterKind.Int64 ? _integer : throw WrongKind(RunParameterKind.Int64);

    public double AsDouble() => Kind == RunParameterKind.Float64 ? _real : throw WrongKind(RunParameterKind.Float64);

    public string AsString() =>
        Kind == RunParameterKind.String ? _text ?? string.Empty : throw WrongKind(RunParameterKind.String);

    /// <summary>
    /// The display form pandas uses for the value: <c>True</c>/<c>False</c>, the integer, the string as
    /// is, and floats with six decimals at most and one at least (<c>20.0</c>, <c>0.333333</c>,
    /// <c>NaN</c>, <c>inf</c>, <c>-inf</c>).
    /// </summary>
    public override string ToString() => Kind switch
    {
        RunParameterKind.Bool => _integer != 0 ? "True" : "False",
        RunParameterKind.Int64 => _integer.ToString(CultureInfo.InvariantCulture),
        RunParameterKind.Float64 => FormatFloat(_real, leadingSpace: false),
        _ => _text ?? string.Empty,
    };

    /// <summary>The type name used in the MessagePack table and in error messages.</summary>
    internal static string TypeName(RunParameterKind kind) => kind switch
    {
        RunParameterKind.Bool => "bool",
        RunParameterKind.Int64 => "int64",
        RunParameterKind.Float64 => "float64",
        RunParameterKind.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Python's <c>f"{x: .6f}"</c> (correctly rounded, ties to even) with trailing zeros trimmed down to
    /// one decimal, as pandas prints a float cell. Non-negative values get a leading space when
    /// <paramref name="leadingSpace"/> is set; NaN prints <c>NaN</c>.
    /// </summary>
    internal static string FormatFloat(double value, bool leadingSpace)
    {
        if (double.IsNaN(value))
        {
            return leadingSpace ? " NaN" : "NaN";
        }

        var negative = double.IsNegative(value);
        var sign = negative ? "-" : leadingSpace ? " " : string.Empty;
        if (double.IsInfinity(value))
        {
            return sign + "inf";
        }

        const int Decimals = 6;
        var bits = BitConverter.DoubleToInt64Bits(value) & long.MaxValue;
        var exponentBits = (int)(bits >> 52);
        var mantissa = new BigInteger(bits & ((1L << 52) - 1));
        int exponent;
        if (exponentBits == 0)
        {
            exponent = -1074;
        }
        else
        {
            mantissa += BigInteger.One << 52;
            exponent = exponentBits - 1075;
        }

        var scale = BigInteger.Pow(10, Decimals);
        BigInteger scaled;
        if (exponent >= 0)
        {
            scaled = (mantissa << exponent) * scale;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(mantissa * scale, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !scaled.IsEven))
            {
                scaled += BigInteger.One;
            }
        }

        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals + 1, '0');
        var integerPart = digits[..^Decimals];
        var fraction = digits[^Decimals..].TrimEnd('0');
        if (fraction.Length == 0)
        {
            fraction = "0";
        }

        return sign + integerPart + "." + fraction;
    }

    private InvalidOperationException WrongKind(RunParameterKind wanted) =>
        new($"Run parameter value is {TypeName(Kind)}, not {TypeName(wanted)}");
}
