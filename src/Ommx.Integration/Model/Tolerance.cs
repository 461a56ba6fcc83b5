using System.Globalization;

namespace Ommx.Integration.Model;

/// <summary>
/// The absolute tolerance OMMX uses to decide feasibility: 1e-6 unless the environment variable
/// <c>OMMX_DEFAULT_ATOL</c> holds a positive number, or a call passes its own.
/// </summary>
public static class Tolerance
{
    /// <summary>OMMX's built-in default, 1e-6.</summary>
    public const double BuiltInDefault = 1e-6;

    /// <summary>The environment variable that overrides the default.</summary>
    public const string EnvironmentVariable = "OMMX_DEFAULT_ATOL";

    /// <summary>The default now: <c>OMMX_DEFAULT_ATOL</c> if it parses to a positive number, else 1e-6.</summary>
    public static double Default => FromEnvironmentValue(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>What a value of <c>OMMX_DEFAULT_ATOL</c> means: the number if positive, else the built-in default.</summary>
    internal static double FromEnvironmentValue(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : BuiltInDefault;

    /// <summary>The given tolerance (checked: positive, not NaN) or the default.</summary>
    internal static double Resolve(double? atol)
    {
        if (atol is not { } value)
        {
            return Default;
        }

        if (!(value > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(atol), value, "The tolerance must be a positive number.");
        }

        return value;
    }
}
