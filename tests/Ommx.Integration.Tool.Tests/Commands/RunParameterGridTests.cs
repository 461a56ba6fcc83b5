using Ommx.Integration.Experiments;
using Ommx.Integration.Tool.Commands;

namespace Ommx.Integration.Tool.Tests.Commands;

public sealed class RunParameterGridTests
{
    /// <summary>The README sample's columns on an 84-column terminal: the user's parameters win over the duration.</summary>
    [Fact]
    public void NarrowWidth_UserParametersBeforeDuration_NarrowerColumnsStillFit()
    {
        var runs = Enumerable.Range(0, 3).Select(i => Run((ulong)i,
            ("test.method", RunParameterValue.From("Solve_Capacity_LogsObjectiveAndSelection")),
            ("test.outcome", RunParameterValue.From("passed")),
            ("test.duration_seconds", RunParameterValue.From(0.0123456789)),
            ("capacity", RunParameterValue.From(20L + i)),
            ("a_rather_long_parameter_name_here", RunParameterValue.From("x")),
            ("objective", RunParameterValue.From(18L)))).ToList();

        var grid = RunParameterGrid.Build(runs, width: 84, indent: 2, chosen: null);

        Assert.Equal(["test.method", "test.outcome", "capacity", "objective"], grid.Shown);
        Assert.Equal(["a_rather_long_parameter_name_here", "test.duration_seconds"], grid.Omitted);
        Assert.All(grid.Lines, line => Assert.True(line.Length + 2 <= 84, line));
        Assert.EndsWith("Solve_Capacity_LogsObjectiveAnd…  passed" + new string(' ', 14) + "20" + new string(' ', 9) + "18", grid.Lines[1], StringComparison.Ordinal);
    }

    private static RunRecord Run(ulong id, params (string Name, RunParameterValue Value)[] values)
    {
        var run = new RunRecord { Id = id };
        foreach (var (name, value) in values)
        {
            run.Parameters[name] = value;
        }

        return run;
    }
}
