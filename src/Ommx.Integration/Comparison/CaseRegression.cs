using Ommx.Integration.Experiments;

namespace Ommx.Integration.Comparison;

/// <summary>A test case that broke or whose metrics got worse against the baseline.</summary>
/// <param name="Test">The test's display name.</param>
/// <param name="Broke">Passed in the baseline, failed or interrupted now.</param>
/// <param name="BaseOutcome">The baseline's <c>test.outcome</c>.</param>
/// <param name="HeadOutcome">This run's <c>test.outcome</c>.</param>
/// <param name="Metrics">The metrics that regressed beyond tolerance.</param>
internal sealed record CaseRegression(
    string Test,
    bool Broke,
    string? BaseOutcome,
    string? HeadOutcome,
    IReadOnlyList<MetricComparison> Metrics)
{
    /// <summary>
    /// One line naming the test, what got worse and base → head, for example
    /// <c>E2E.Knapsack.Solve(capacity: 10): objective 42 → 30 (maximize)</c>.
    /// </summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Broke)
        {
            parts.Add($"broke, {TestCaseParameters.Outcome} {BaseOutcome ?? "-"} → {HeadOutcome ?? "-"}");
        }

        parts.AddRange(Metrics.Select(m =>
            $"{m.Name} {ComparisonText.Number(m.Base)} → {ComparisonText.Number(m.Head)}" + (m.Goal is { } goal ? $" ({MetricAnnotation.GoalText(goal)})" : string.Empty)));
        return $"{Test}: {string.Join("; ", parts)}";
    }
}
