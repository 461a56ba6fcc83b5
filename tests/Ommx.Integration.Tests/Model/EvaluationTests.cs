using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Model;

public sealed class EvaluationTests
{
    private static readonly DecisionVariable[] X = [.. Enumerable.Range(0, 3).Select(i => DecisionVariable.Continuous((ulong)i, -10, 10, "x", i))];

    private static Dictionary<ulong, double> State(params double[] values) =>
        values.Select((v, i) => (Id: (ulong)i, Value: v)).ToDictionary(p => p.Id, p => p.Value);

    [Theory]
    [InlineData(0.4999, true)]
    [InlineData(-0.4999, true)]
    [InlineData(0.5, false)]
    [InlineData(-0.5, false)]
    public void Evaluate_Equality_IsFeasibleOnlyStrictlyInsideTolerance(double value, bool feasible)
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, Function.Zero, X, [X[0].EqualTo(0)]);

        var solution = instance.Evaluate(State(value, 0, 0), atol: 0.5);

        Assert.Equal(feasible, solution.EvaluatedConstraints.Single().Feasible);
        Assert.Equal(feasible, solution.Feasible);
        Assert.Equal(feasible, solution.FeasibleRelaxed);
    }

    [Theory]
    [InlineData(0.4999, true)]
    [InlineData(-7, true)]
    [InlineData(0.5, false)]
    public void Evaluate_Inequality_IsFeasibleOnlyBelowTolerance(double value, bool feasible)
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, Function.Zero, X, [X[0] <= 0]);

        var solution = instance.Evaluate(State(value, 0, 0), atol: 0.5);

        Assert.Equal(feasible, solution.Feasible);
    }

    [Fact]
    public void Evaluate_DefaultTolerance_IsOneMillionth()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, Function.Zero, X, [X[0].EqualTo(0)]);

        Assert.True(instance.Evaluate(State(0.9e-6, 0, 0)).Feasible);
        Assert.False(instance.Evaluate(State(1.1e-6, 0, 0)).Feasible);
    }

    [Theory]
    [InlineData(10.4, true)]
    [InlineData(10.6, false)]
    [InlineData(-10.5, true)]
    public void Evaluate_VariableOutsideBound_IsInfeasibleBeyondTolerance(double value, bool feasible)
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[0], X);

        var solution = instance.Evaluate(State(value, 0, 0), atol: 0.5);

        Assert.Equal(feasible, solution.Feasible);
        Assert.Equal(feasible, solution.FeasibleRelaxed);
    }

    [Theory]
    [InlineData(VariableKind.Integer, 2.4, false)]
    [InlineData(VariableKind.Integer, 2.0000001, true)]
    [InlineData(VariableKind.Integer, 2.5, false)]
    [InlineData(VariableKind.Binary, 1, true)]
    [InlineData(VariableKind.SemiInteger, 3.2, false)]
    [InlineData(VariableKind.Continuous, 2.4, true)]
    public void Evaluate_Integrality_RequiresIntegerKindsWithinToleranceOfAnInteger(VariableKind kind, double value, bool feasible)
    {
        var y = new DecisionVariable(0, kind, new Bound(0, 5));
        var instance = Instance.Create(ObjectiveSense.Minimize, y.ToFunction(), [y]);

        Assert.Equal(feasible, instance.Evaluate(new Dictionary<ulong, double> { [0] = value }).Feasible);
    }

    [Fact]
    public void Evaluate_SemiContinuousZeroOutsideBound_IsInfeasibleAsInOmmx()
    {
        var y = DecisionVariable.SemiContinuous(0, 2, 5);
        var instance = Instance.Create(ObjectiveSense.Minimize, y.ToFunction(), [y]);

        Assert.False(instance.Evaluate(new Dictionary<ulong, double> { [0] = 0 }).Feasible);
        Assert.True(instance.Evaluate(new Dictionary<ulong, double> { [0] = 3 }).Feasible);
    }

    [Fact]
    public void Evaluate_ViolatedRemovedConstraint_IsFeasibleRelaxedButNotFeasible()
    {
        var instance = Instance.Create(
            ObjectiveSense.Minimize,
            X[0],
            X,
            [(X[0] <= 5).WithId(0)],
            [new RemovedConstraint((X[1] <= 0).WithId(1), "penalty") { ReasonParameters = new Dictionary<string, string> { ["weight"] = "3" } }]);

        var solution = instance.Evaluate(State(1, 2, 0));

        Assert.False(solution.Feasible);
        Assert.True(solution.FeasibleRelaxed);
        var removed = solution.GetEvaluatedConstraint(1);
        Assert.True(removed.IsRemoved);
        Assert.Equal("penalty", removed.RemovedReason);
        Assert.Equal("3", removed.RemovedReasonParameters["weight"]);
        Assert.Equal(2, removed.EvaluatedValue);
        Assert.False(solution.GetEvaluatedConstraint(0).IsRemoved);
    }

    [Fact]
    public void Evaluate_ActiveAndRemovedConstraints_AreListedById()
    {
        var instance = Instance.Create(
            ObjectiveSense.Minimize,
            Function.Zero,
            X,
            [(X[0] <= 1).WithId(4), (X[1] <= 1).WithId(1)],
            [new RemovedConstraint((X[2] <= 1).WithId(2), "r")]);

        var solution = instance.Evaluate(State(0, 0, 0));

        Assert.Equal([1UL, 2UL, 4UL], solution.EvaluatedConstraints.Select(c => c.Id));
    }

    [Fact]
    public void Evaluate_FixedVariableMissingFromState_TakesItsFixedValue()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[0], [X[0], X[1].WithSubstitutedValue(3)]);

        var solution = instance.Evaluate(State(1));

        Assert.Equal(3, solution.Value(1));
        Assert.Equal(3, solution.DecisionVariables[1].SubstitutedValue);
    }

    [Fact]
    public void Evaluate_FixedVariableDisagreeingWithState_ThrowsNamingIt()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[0], [X[0], X[1].WithSubstitutedValue(3)]);

        Assert.Equal(3, instance.Evaluate(State(1, 3.0000005)).Value(1));
        var error = Assert.Throws<EvaluationException>(() => instance.Evaluate(State(1, 3.1)));
        Assert.Contains("variable 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("fixes it to 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DependentVariables_AreComputedInDependencyOrder()
    {
        var instance = Instance.Create(
            ObjectiveSense.Minimize,
            X[0],
            X,
            [X[0] <= 3],
            decisionVariableDependency: [new(2UL, X[1] + 1), new(1UL, 2 * X[0])]);

        var solution = instance.Evaluate(State(3));

        Assert.Equal(6, solution.Value(1));
        Assert.Equal(7, solution.Value(2));
    }

    [Fact]
    public void Evaluate_DependentVariableDisagreeingWithState_Throws()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[0], X, decisionVariableDependency: [new(1UL, 2 * X[0])]);

        var error = Assert.Throws<EvaluationException>(() => instance.Evaluate(State(3, 5)));

        Assert.Contains("dependent variable 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnusedVariables_TakeTheBoundValueNearestZero()
    {
        var variables = new[]
        {
            DecisionVariable.Continuous(0, -10, 10),
            DecisionVariable.Continuous(1, -3, -1),
            DecisionVariable.Integer(2, 2, 5),
            DecisionVariable.Continuous(3, double.NegativeInfinity, double.PositiveInfinity),
            DecisionVariable.SemiContinuous(4, 2, 5),
        };
        var instance = Instance.Create(ObjectiveSense.Minimize, variables[0].ToFunction(), variables);

        var solution = instance.Evaluate(State(1));

        Assert.Equal([1.0, -1, 2, 0, 0], solution.DecisionVariables.Select(v => v.SubstitutedValue!.Value));
        Assert.False(solution.Feasible); // the semi-continuous variable's 0 is outside [2, 5]
    }

    [Fact]
    public void Evaluate_StateWithUndeclaredVariable_ThrowsNamingIt()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[0], X);

        var error = Assert.Throws<EvaluationException>(() => instance.Evaluate(new Dictionary<ulong, double> { [0] = 1, [42] = 0 }));

        Assert.Contains("variable 42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StateMissingUsedVariable_ThrowsNamingIt()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[0], X, [X[2] <= 1]);

        var error = Assert.Throws<EvaluationException>(() => instance.Evaluate(State(1)));

        Assert.Contains("variable 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NonFiniteValue_Throws()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[0], X);

        Assert.Throws<EvaluationException>(() => instance.Evaluate(State(double.NaN)));
    }

    [Fact]
    public void Evaluate_NonPositiveTolerance_IsRejected()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[0], X);

        Assert.Throws<ArgumentOutOfRangeException>(() => instance.Evaluate(State(1), atol: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => instance.Evaluate(State(1), atol: double.NaN));
    }

    [Fact]
    public void Evaluate_ObjectiveAndNamedFunctions_AreComputed()
    {
        var instance = Instance.Create(
            ObjectiveSense.Maximize,
            (2 * X[0] * X[1]) - X[2] + 1,
            X,
            namedFunctions: [new NamedFunction(3, X[0] + X[1]) { Name = "sum", Subscripts = [1] }]);

        var solution = instance.Evaluate(State(2, 3, 4));

        Assert.Equal((2 * 2 * 3) - 4 + 1, solution.Objective);
        var named = solution.EvaluatedNamedFunctions.Single();
        Assert.Equal(5, named.EvaluatedValue);
        Assert.Equal("sum", named.Name);
        Assert.Equal([0UL, 1UL], named.UsedDecisionVariableIds.ToArray());
        Assert.Equal(ObjectiveSense.Maximize, solution.Sense);
        Assert.Equal(Optimality.Unspecified, solution.Optimality);
        Assert.Equal(Relaxation.Unspecified, solution.Relaxation);
    }

    [Theory]
    [InlineData("1e-3", 1e-3)]
    [InlineData(" 0.5 ", 0.5)]
    [InlineData("0", 1e-6)]
    [InlineData("-1", 1e-6)]
    [InlineData("abc", 1e-6)]
    [InlineData("NaN", 1e-6)]
    [InlineData(null, 1e-6)]
    public void FromEnvironmentValue_Text_GivesPositiveNumberOrTheDefault(string? text, double expected)
    {
        Assert.Equal(expected, Tolerance.FromEnvironmentValue(text));
    }
}
