using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Model;

/// <summary>The README's Model example, kept compiling and true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_KnapsackSelection_EvaluatesToTwentyEightAndFeasible()
    {
        var x = Enumerable.Range(0, 3).Select(i => DecisionVariable.Binary((ulong)i, "x", i)).ToArray();
        var instance = Instance.Create(
            ObjectiveSense.Maximize,
            (10 * x[0]) + (13 * x[1]) + (18 * x[2]),
            x,
            [((11 * x[0]) + (25 * x[1]) + (20 * x[2]) <= 47).WithName("capacity")]);

        var solution = instance.Evaluate(new Dictionary<ulong, double> { [0] = 1, [1] = 0, [2] = 1 });
        var again = Instance.FromLayer(Instance.MediaType, instance.ToBytes());

        Assert.Equal(28, solution.Objective);
        Assert.True(solution.Feasible);
        Assert.Equal(31 - 47, solution.EvaluatedConstraints.Single().EvaluatedValue);
        Assert.Equal(instance.Objective, again.Objective);
        Assert.False(instance.Evaluate(new Dictionary<ulong, double> { [0] = 1, [1] = 1, [2] = 1 }).Feasible);
    }
}
