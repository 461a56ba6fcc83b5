using Ommx.Integration.Model;

namespace Knapsack.Tests;

/// <summary>The 0/1 knapsack as an OMMX Instance: maximize Σ value·x subject to Σ weight·x ≤ capacity, x binary.</summary>
internal static class Knapsack
{
    public static Instance Create(int[] values, int[] weights, int capacity)
    {
        var x = values.Select((_, i) => DecisionVariable.Binary((ulong)i, "x", i)).ToArray();
        return Instance.Create(
            ObjectiveSense.Maximize,
            Function.Linear(x.Select(v => KeyValuePair.Create(v.Id, (double)values[v.Id]))),
            x,
            [(Function.Linear(x.Select(v => KeyValuePair.Create(v.Id, (double)weights[v.Id]))) <= capacity).WithName("capacity")]);
    }

    /// <summary>The items a Solution puts in the knapsack.</summary>
    public static int[] Chosen(Solution solution, int items) =>
        [.. Enumerable.Range(0, items).Where(i => solution.Value((ulong)i) == 1)];
}
