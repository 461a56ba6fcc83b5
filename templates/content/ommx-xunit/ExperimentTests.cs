#if (XunitV3)
using Ommx.Integration.XunitV3;
#else
using Ommx.Integration.Xunit;
#endif
#if (UseOrTools)
using Ommx.Integration.OrTools;
#endif

namespace Company.TestProject1;

/// <summary>Every test case below is one Run of this test run's Experiment.</summary>
public sealed class ExperimentTests
{
#if (UseOrTools)
    [Theory]
    [InlineData(20)]
    [InlineData(47)]
    [InlineData(56)]
    public void Knapsack_Capacity_RecordsTheSolve(int capacity)
    {
        var run = OmmxRun.Current;

        // Recorded as a Solve: the input Instance, the adapter and its options, the output Solution.
        var solution = run.LogSolve(new OrToolsMilpAdapter(), Knapsack.Create(capacity), new OrToolsOptions { TimeLimit = 30 });

        run.LogParameter("capacity", capacity);
        run.LogParameter("objective", solution.Objective);
        Assert.True(solution.Feasible);
    }

    [Fact]
    public void Knapsack_Capacity47_ReachesKnownOptimum41()
    {
        var solution = OmmxRun.Current.LogSolve(new OrToolsCpSatAdapter(), Knapsack.Create(47));

        Assert.Equal(41, solution.Objective);
    }
#else
    [Theory]
    [InlineData(20)]
    [InlineData(47)]
    [InlineData(56)]
    public void Sweep_Capacity_RecordsParametersAndJson(int capacity)
    {
        var run = OmmxRun.Current;
        var load = capacity / 100.0;

        run.LogParameter("capacity", capacity);
        run.LogParameter("load", load);
        run.LogJson("settings", new { capacity, load });
        Assert.InRange(load, 0, 1);
    }
#endif
}
