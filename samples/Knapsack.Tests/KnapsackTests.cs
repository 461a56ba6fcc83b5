using Ommx.Integration.Xunit;

namespace Knapsack.Tests;

public sealed class KnapsackTests
{
    private static readonly int[] Values = [10, 13, 18, 31, 7, 15];
    private static readonly int[] Weights = [11, 25, 20, 35, 10, 33];

    [Theory]
    [InlineData(20)]
    [InlineData(47)]
    [InlineData(56)]
    [InlineData(80)]
    public void Solve_Capacity_LogsObjectiveAndSelection(int capacity)
    {
        var run = OmmxRun.Current;
        var (objective, chosen) = Knapsack.Solve(Values, Weights, capacity);

        run.LogParameter("capacity", capacity);
        run.LogParameter("objective", objective);
        run.LogJson("selection", new { items = chosen, weight = chosen.Sum(i => Weights[i]) });

        Assert.True(chosen.Sum(i => Weights[i]) <= capacity);
        Assert.Equal(objective, chosen.Sum(i => Values[i]));
    }

    [Theory]
    [InlineData(47, 41)]
    [InlineData(56, 49)]
    public void Solve_KnownInstance_ReachesOptimum(int capacity, int optimum)
    {
        var (objective, _) = Knapsack.Solve(Values, Weights, capacity);
        OmmxRun.Current.LogParameter("objective", objective);

        Assert.Equal(optimum, objective);
    }
}
