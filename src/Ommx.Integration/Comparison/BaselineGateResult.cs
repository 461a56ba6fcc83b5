namespace Ommx.Integration.Comparison;

/// <summary>What <see cref="BaselineGate"/> found.</summary>
/// <param name="Baseline">The baseline image name as given.</param>
/// <param name="Report">The comparison, or null when the baseline could not be loaded.</param>
/// <param name="BaselineProblem">Why the baseline could not be loaded (not found locally nor in its registry, unreachable, unreadable), or null.</param>
/// <param name="Regressions">The cases that broke or regressed, worst first.</param>
internal sealed record BaselineGateResult(
    string Baseline,
    ComparisonReport? Report,
    string? BaselineProblem,
    IReadOnlyList<CaseRegression> Regressions)
{
    /// <summary>Whether a comparison happened and found a broken or regressed case.</summary>
    public bool HasRegression => Regressions.Count > 0;
}
