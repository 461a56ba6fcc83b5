using Ommx.Integration.Experiments;
using Ommx.Integration.Tests.Adapters;

namespace Ommx.Integration.Tests.Experiments;

/// <summary><see cref="Run.Discarding"/>: what test code gets when nothing is recorded.</summary>
public sealed class RunDiscardingTests
{
    [Fact]
    public void Discarding_EveryCall_AcceptedAndNothingThrows()
    {
        var run = Run.Discarding;

        run.LogParameter("seed", 1);
        run.LogParameter("seed", "conflicting type");
        run.LogJson("settings", new { capacity = 47 });
        run.LogJson("settings", new { capacity = 48 });
        run.LogText("notes", "twice");
        run.LogText("notes", "twice");
        run.LogBytes("raw", "application/octet-stream", [1, 2, 3]);
        run.LogInstance("instance", KnapsackInstances.Create(47));
        run.Finish();
        run.Fail("closed twice");
        run.Dispose();

        Assert.True(run.IsDiscarding);
        Assert.False(run.IsClosed);
    }

    [Fact]
    public void Discarding_LogSolve_StillSolvesAndReturnsTheSolution()
    {
        var solution = Run.Discarding.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47));

        Assert.Equal(41.0, solution.Objective);
    }
}
