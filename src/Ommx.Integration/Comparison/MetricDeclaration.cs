using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Ommx.Integration.Comparison;

/// <summary>
/// A numeric run parameter whose change between two Experiments is judged: a change beyond both tolerances
/// in the <see cref="Goal"/>'s wrong direction is a regression, in its right direction an improvement.
/// </summary>
/// <param name="Name">The run-parameter name (for example <c>objective</c> or <c>test.duration_seconds</c>).</param>
/// <param name="Goal">Which direction is better.</param>
/// <param name="Tolerance">Absolute change that still counts as unchanged.</param>
/// <param name="RelativeTolerance">Change relative to the base value's magnitude that still counts as unchanged.</param>
internal sealed record MetricDeclaration(string Name, MetricGoal Goal, double Tolerance = 0, double RelativeTolerance = 0)
{
    /// <summary>The largest change from <paramref name="baseValue"/> that counts as unchanged.</summary>
    public double AllowedChange(double baseValue) => Math.Max(Tolerance, RelativeTolerance * Math.Abs(baseValue));

    /// <summary>
    /// Reads <paramref name="settings"/> written as <c>goal[;tolerance[;relative tolerance]]</c> (<c>:</c> separates
    /// too; empty parts mean 0), for example <c>maximize;1e-6</c> or <c>minimize::0.5</c>.
    /// </summary>
    /// <param name="name">The metric's run-parameter name.</param>
    /// <param name="settings">The goal and tolerances.</param>
    /// <param name="metric">The declaration, when the settings are valid.</param>
    /// <param name="problem">Why the settings were refused, naming what is allowed.</param>
    public static bool TryParse(string name, string settings, [NotNullWhen(true)] out MetricDeclaration? metric, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(settings);
        metric = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = "the metric has no name";
            return false;
        }

        var parts = settings.Split(';', ':');
        if (!MetricAnnotation.TryParseGoal(parts[0], out var goal))
        {
            problem = $"goal '{parts[0]}' is neither maximize nor minimize";
            return false;
        }

        if (parts.Length > 3)
        {
            problem = $"'{settings}' has more than goal, tolerance and relative tolerance";
            return false;
        }

        var tolerances = new double[2];
        for (var i = 1; i < parts.Length; i++)
        {
            var text = parts[i].Trim();
            if (text.Length > 0 && !(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out tolerances[i - 1]) && double.IsFinite(tolerances[i - 1]) && tolerances[i - 1] >= 0))
            {
                problem = $"tolerance '{text}' is not a non-negative number";
                return false;
            }
        }

        metric = new MetricDeclaration(name.Trim(), goal, tolerances[0], tolerances[1]);
        problem = null;
        return true;
    }
}
