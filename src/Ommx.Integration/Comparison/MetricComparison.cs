namespace Ommx.Integration.Comparison;

/// <summary>One numeric value of a test case in both Experiments.</summary>
/// <param name="Name">The run parameter, or <c>solve[i].objective</c> / <c>solve[i].feasible</c> for the Run's i-th Solve.</param>
/// <param name="Base">The base value (feasibility as 1 or 0).</param>
/// <param name="Head">The head value.</param>
/// <param name="Verdict">What the change means under the metric's declaration.</param>
/// <param name="Goal">The declared goal, when there is one.</param>
internal sealed record MetricComparison(string Name, double Base, double Head, MetricVerdict Verdict, MetricGoal? Goal)
{
    /// <summary>Head minus base.</summary>
    public double Delta => Head - Base;
}
