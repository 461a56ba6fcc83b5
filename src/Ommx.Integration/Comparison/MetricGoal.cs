namespace Ommx.Integration.Comparison;

/// <summary>Which direction of a metric is better.</summary>
internal enum MetricGoal
{
    /// <summary>Higher is better (an objective to maximize, a throughput).</summary>
    Maximize,

    /// <summary>Lower is better (a cost, a duration, a gap).</summary>
    Minimize,
}
