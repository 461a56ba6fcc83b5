using Ommx.Integration.OrTools;
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
        var instance = Knapsack.Create(Values, Weights, capacity);

        // Recorded as a Solve of this test's Run: input Instance, adapter, options, output Solution.
        var solution = run.LogSolve(new OrToolsMilpAdapter(), instance, new OrToolsOptions { TimeLimit = 30, Threads = 1 });
        var chosen = Knapsack.Chosen(solution, Values.Length);

        run.LogParameter("capacity", capacity);
        run.LogParameter("objective", (long)Math.Round(solution.Objective));
        run.LogJson("selection", new { items = chosen, weight = chosen.Sum(i => Weights[i]) });

        Assert.True(solution.Feasible);
        Assert.True(chosen.Sum(i => Weights[i]) <= capacity);
        Assert.Equal(solution.Objective, chosen.Sum(i => Values[i]));
    }

    [Theory]
    [InlineData(47, 41)]
    [InlineData(56, 49)]
    public void Solve_KnownInstance_ReachesOptimum(int capacity, int optimum)
    {
        var solution = OmmxRun.Current.LogSolve(new OrToolsCpSatAdapter(), Knapsack.Create(Values, Weights, capacity));
        OmmxRun.Current.LogParameter("objective", (long)Math.Round(solution.Objective));

        Assert.Equal(optimum, solution.Objective);
        Assert.Equal(Ommx.Integration.Model.Optimality.Optimal, solution.Optimality);
    }
}
