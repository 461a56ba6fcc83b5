namespace Ommx.Integration.Comparison;

/// <summary>How <see cref="ExperimentComparer"/> judges two Experiments.</summary>
internal sealed record ComparisonOptions
{
    /// <summary>
    /// Metric declarations that override, by name, those recorded in the Experiments (the head's first, then
    /// the base's).
    /// </summary>
    public IReadOnlyList<MetricDeclaration> Metrics { get; init; } = [];
}
