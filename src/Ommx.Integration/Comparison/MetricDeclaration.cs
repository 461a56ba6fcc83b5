namespace Ommx.Integration.Comparison;

/// <summary>
/// A numeric run parameter whose change between two Experiments is judged: a change beyond both tolerances
/// in the <see cref="Goal"/>'s wrong direction is a regression, in its right direction an improvement.
/// </summary>
/// <param name="Name">The run-parameter name (for example <c>objective</c> or <c>test.duration_seconds</c>).</param>
/// <param name="Goal">Which direction is better.</param>
/// <param name="Tolerance">Absolute change that still counts as unchanged.</param>
/// <param name="RelativeTolerance">Change relative to the base value's magnitude that still counts as unchanged.</param>
public sealed record MetricDeclaration(string Name, MetricGoal Goal, double Tolerance = 0, double RelativeTolerance = 0)
{
    /// <summary>The largest change from <paramref name="baseValue"/> that counts as unchanged.</summary>
    public double AllowedChange(double baseValue) => Math.Max(Tolerance, RelativeTolerance * Math.Abs(baseValue));
}
