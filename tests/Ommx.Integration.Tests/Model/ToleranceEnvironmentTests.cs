using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Model;

[Collection(EnvironmentCollection.Name)]
public sealed class ToleranceEnvironmentTests
{
    [Fact]
    public void Evaluate_OmmxDefaultAtolSet_UsesItAsTheDefaultTolerance()
    {
        var x = DecisionVariable.Continuous(0, -1, 1);
        var instance = Instance.Create(ObjectiveSense.Minimize, x.ToFunction(), [x], [x.EqualTo(0)]);
        var state = new Dictionary<ulong, double> { [0] = 0.01 };
        var before = Environment.GetEnvironmentVariable(Tolerance.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Tolerance.EnvironmentVariable, "0.1");
            Assert.Equal(0.1, Tolerance.Default);
            Assert.True(instance.Evaluate(state).Feasible);

            Environment.SetEnvironmentVariable(Tolerance.EnvironmentVariable, "not a number");
            Assert.Equal(1e-6, Tolerance.Default);
            Assert.False(instance.Evaluate(state).Feasible);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Tolerance.EnvironmentVariable, before);
        }
    }
}
