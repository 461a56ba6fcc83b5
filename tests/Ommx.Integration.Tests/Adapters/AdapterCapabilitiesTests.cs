using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Adapters;

public sealed class AdapterCapabilitiesTests
{
    private static readonly AdapterCapabilities LinearMilp = new()
    {
        VariableKinds = new HashSet<VariableKind> { VariableKind.Binary, VariableKind.Integer, VariableKind.Continuous },
    };

    private static readonly AdapterCapabilities IntegerOnly = LinearMilp with
    {
        VariableKinds = new HashSet<VariableKind> { VariableKind.Binary, VariableKind.Integer },
        AllowsUnboundedVariables = false,
        RequiresIntegerCoefficients = true,
    };

    [Fact]
    public void EnsureSupports_LinearKnapsack_Passes()
    {
        LinearMilp.EnsureSupports(KnapsackInstances.Create(47), "test");
        IntegerOnly.EnsureSupports(KnapsackInstances.Create(47), "test");
    }

    [Fact]
    public void EnsureSupports_QuadraticObjectiveOnLinearAdapter_NamesObjectiveDegree()
    {
        var x = DecisionVariable.Binary(0);
        var y = DecisionVariable.Binary(1);
        var instance = Instance.Create(ObjectiveSense.Minimize, x * y, [x, y]);

        var error = Assert.Throws<UnsupportedModelException>(() => LinearMilp.EnsureSupports(instance, "LinearAdapter"));

        Assert.Equal(UnsupportedFeature.ObjectiveDegree, error.Feature);
        Assert.Null(error.ConstraintId);
        Assert.Contains("LinearAdapter", error.Message, StringComparison.Ordinal);
        Assert.Contains("degree 2 (quadratic)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSupports_QuadraticConstraint_NamesConstraintId()
    {
        var x = DecisionVariable.Binary(0);
        var y = DecisionVariable.Binary(1);
        var instance = Instance.Create(ObjectiveSense.Minimize, x + y, [x, y], [((x * y) <= 0).WithId(7)]);

        var error = Assert.Throws<UnsupportedModelException>(() => LinearMilp.EnsureSupports(instance, "LinearAdapter"));

        Assert.Equal(UnsupportedFeature.ConstraintDegree, error.Feature);
        Assert.Equal(7UL, error.ConstraintId);
        Assert.Contains("constraint 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSupports_UnboundedVariableWhereFiniteBoundsRequired_NamesVariableId()
    {
        var x = DecisionVariable.Binary(0);
        var z = DecisionVariable.Integer(5, double.NegativeInfinity, 10, "z");
        var instance = Instance.Create(ObjectiveSense.Minimize, x + z, [x, z]);

        var error = Assert.Throws<UnsupportedModelException>(() => IntegerOnly.EnsureSupports(instance, "IntegerAdapter"));

        Assert.Equal(UnsupportedFeature.UnboundedVariable, error.Feature);
        Assert.Equal(5UL, error.VariableId);
        Assert.Contains("variable 5 (z)", error.Message, StringComparison.Ordinal);
        LinearMilp.EnsureSupports(instance, "LinearAdapter");
    }

    [Fact]
    public void EnsureSupports_UnsupportedKind_NamesVariableAndKind()
    {
        var s = DecisionVariable.SemiContinuous(3, 1, 4, "s");
        var instance = Instance.Create(ObjectiveSense.Minimize, s.ToFunction(), [s]);

        var error = Assert.Throws<UnsupportedModelException>(() => LinearMilp.EnsureSupports(instance, "LinearAdapter"));

        Assert.Equal(UnsupportedFeature.VariableKind, error.Feature);
        Assert.Equal(3UL, error.VariableId);
        Assert.Contains("SemiContinuous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSupports_UnusedUnsupportedVariable_IsIgnored()
    {
        var x = DecisionVariable.Binary(0);
        var unused = DecisionVariable.SemiContinuous(9, 1, 4);
        var instance = Instance.Create(ObjectiveSense.Minimize, x.ToFunction(), [x, unused]);

        LinearMilp.EnsureSupports(instance, "LinearAdapter");
    }

    [Fact]
    public void EnsureSupports_NonIntegerCoefficientWhereIntegersRequired_NamesConstraint()
    {
        var x = DecisionVariable.Binary(0);
        var y = DecisionVariable.Binary(1);
        var instance = Instance.Create(ObjectiveSense.Maximize, x + y, [x, y], [((1.5 * x) + y <= 2.5).WithId(4)]);

        var error = Assert.Throws<UnsupportedModelException>(() => IntegerOnly.EnsureSupports(instance, "IntegerAdapter"));

        Assert.Equal(UnsupportedFeature.NonIntegerCoefficient, error.Feature);
        Assert.Equal(4UL, error.ConstraintId);
        Assert.Contains("1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSupports_NonIntegerObjectiveCoefficient_NamesObjective()
    {
        var x = DecisionVariable.Binary(0);
        var instance = Instance.Create(ObjectiveSense.Maximize, 0.25 * x, [x]);

        var error = Assert.Throws<UnsupportedModelException>(() => IntegerOnly.EnsureSupports(instance, "IntegerAdapter"));

        Assert.Equal(UnsupportedFeature.NonIntegerCoefficient, error.Feature);
        Assert.Null(error.ConstraintId);
        Assert.Contains("the objective", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSupports_EqualityWhereOnlyInequalitiesAllowed_NamesConstraint()
    {
        var x = DecisionVariable.Binary(0);
        var instance = Instance.Create(ObjectiveSense.Maximize, x.ToFunction(), [x], [x.ToFunction().EqualTo(1).WithId(2)]);
        var inequalitiesOnly = LinearMilp with { ConstraintEqualities = new HashSet<ConstraintEquality> { ConstraintEquality.LessThanOrEqualToZero } };

        var error = Assert.Throws<UnsupportedModelException>(() => inequalitiesOnly.EnsureSupports(instance, "InequalityAdapter"));

        Assert.Equal(UnsupportedFeature.ConstraintEquality, error.Feature);
        Assert.Equal(2UL, error.ConstraintId);
    }
}
