using Ommx.Integration.Model;

namespace Ommx.Integration.TestUtilities;

/// <summary>The knapsack the issue names: values 10,13,18,31,7,15; weights 11,25,20,35,10,33; binary, maximize.</summary>
public static class KnapsackInstances
{
    public static readonly double[] Values = [10, 13, 18, 31, 7, 15];
    public static readonly double[] Weights = [11, 25, 20, 35, 10, 33];

    public static Instance Create(double capacity)
    {
        var x = Enumerable.Range(0, Values.Length).Select(i => DecisionVariable.Binary((ulong)i, "x", i)).ToArray();
        return Instance.Create(
            ObjectiveSense.Maximize,
            Function.Linear(x.Select(v => KeyValuePair.Create(v.Id, Values[v.Id]))),
            x,
            [(Function.Linear(x.Select(v => KeyValuePair.Create(v.Id, Weights[v.Id]))) <= capacity).WithName("capacity")]);
    }
}
