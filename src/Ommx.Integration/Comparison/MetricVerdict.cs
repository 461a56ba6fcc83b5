namespace Ommx.Integration.Comparison;

/// <summary>What a metric's change means.</summary>
internal enum MetricVerdict
{
    /// <summary>Within tolerance (or exactly equal, NaN included).</summary>
    Unchanged,

    /// <summary>Changed, but no goal is declared for it, so neither better nor worse.</summary>
    Changed,

    /// <summary>Better beyond tolerance.</summary>
    Improved,

    /// <summary>Worse beyond tolerance (a feasible Solve that became infeasible included).</summary>
    Regressed,
}
