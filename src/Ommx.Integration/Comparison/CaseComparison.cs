namespace Ommx.Integration.Comparison;

/// <summary>One test case (or Run) matched between the base and head Experiments.</summary>
/// <param name="Key">The matching key (see <see cref="ExperimentComparer"/>).</param>
/// <param name="DisplayName">The test's display name (the head's when present in both).</param>
/// <param name="BaseOutcome">The base Run's <c>test.outcome</c>, or null when absent (new case or not a test).</param>
/// <param name="HeadOutcome">The head Run's <c>test.outcome</c>, or null.</param>
/// <param name="Outcome">How the outcome moved.</param>
/// <param name="Metrics">Every numeric value present in both, in name order.</param>
internal sealed record CaseComparison(
    string Key,
    string DisplayName,
    string? BaseOutcome,
    string? HeadOutcome,
    OutcomeChange Outcome,
    IReadOnlyList<MetricComparison> Metrics)
{
    /// <summary>Whether any metric regressed.</summary>
    public bool Regressed => Metrics.Any(m => m.Verdict == MetricVerdict.Regressed);

    /// <summary>Whether any metric improved and none regressed.</summary>
    public bool Improved => !Regressed && Metrics.Any(m => m.Verdict == MetricVerdict.Improved);

    /// <summary>Whether nothing about the case changed in a way worth showing.</summary>
    public bool Unchanged => Outcome == OutcomeChange.Same && Metrics.All(m => m.Verdict == MetricVerdict.Unchanged);
}
