using Ommx.Integration.Model;

namespace Company.TestProject1;

/// <summary>The 0/1 knapsack as an OMMX Instance: maximize Σ value·x subject to Σ weight·x ≤ capacity, x binary.</summary>
internal static class Knapsack
{
    public static readonly int[] Values = [10, 13, 18, 31, 7, 15];
    public static readonly int[] Weights = [11, 25, 20, 35, 10, 33];

    public static Instance Create(int capacity)
    {
        var x = Values.Select((_, i) => DecisionVariable.Binary((ulong)i, "x", i)).ToArray();
        return Instance.Create(
            ObjectiveSense.Maximize,
            Function.Linear(x.Select(v => KeyValuePair.Create(v.Id, (double)Values[v.Id]))),
            x,
            [(Function.Linear(x.Select(v => KeyValuePair.Create(v.Id, (double)Weights[v.Id]))) <= capacity).WithName("capacity")]);
    }
}
