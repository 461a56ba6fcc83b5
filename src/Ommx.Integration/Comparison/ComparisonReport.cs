namespace Ommx.Integration.Comparison;

/// <summary>What changed from a base Experiment to a head Experiment, case by case.</summary>
/// <param name="Base">The base Experiment's image name.</param>
/// <param name="Head">The head Experiment's image name.</param>
/// <param name="Summary">Counts over <paramref name="Cases"/>.</param>
/// <param name="Cases">Every case of either Experiment, ordered by key.</param>
/// <param name="Metrics">The metric declarations that were applied.</param>
/// <param name="DuplicateKeys">
/// Keys that occur more than once in one Experiment; their occurrences are compared in Run order as
/// <c>key#2</c>, <c>key#3</c>, … instead of being merged.
/// </param>
internal sealed record ComparisonReport(
    string Base,
    string Head,
    ComparisonSummary Summary,
    IReadOnlyList<CaseComparison> Cases,
    IReadOnlyList<MetricDeclaration> Metrics,
    IReadOnlyList<string> DuplicateKeys)
{
    /// <summary>A test case broke or a metric regressed.</summary>
    public bool HasRegression => Summary.Broke > 0 || Summary.Regressed > 0;

    /// <summary>The cases worth showing: everything except the unchanged ones.</summary>
    public IEnumerable<CaseComparison> Changes => Cases.Where(c => !c.Unchanged);
}
