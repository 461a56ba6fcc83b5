using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Model;

public sealed class FunctionTests
{
    private static readonly DecisionVariable[] X = [.. Enumerable.Range(0, 4).Select(i => DecisionVariable.Binary((ulong)i, "x", i))];

    [Fact]
    public void Operators_LinearExpression_SumsRepeatedVariables()
    {
        var f = 3 * X[0] + 2 * X[1] - 1 + X[0];

        Assert.Equal(1, f.Degree);
        Assert.Equal(-1, f.Constant);
        Assert.Equal([new FunctionTerm(Monomial.Linear(0), 4), new FunctionTerm(Monomial.Linear(1), 2)], f.Terms.ToArray());
    }

    [Fact]
    public void LessOrEqual_LinearExpression_BuildsInequalityOfTheDifference()
    {
        var constraint = 3 * X[0] + 2 * X[1] <= 10;

        Assert.Equal(ConstraintEquality.LessThanOrEqualToZero, constraint.Equality);
        Assert.Equal(3 * X[0] + 2 * X[1] - 10, constraint.Function);
        Assert.Null(constraint.Id);
    }

    [Fact]
    public void GreaterOrEqual_Variable_MovesItToTheRightSide()
    {
        var constraint = X[0] >= 1;

        Assert.Equal(ConstraintEquality.LessThanOrEqualToZero, constraint.Equality);
        Assert.Equal(1 - X[0], constraint.Function);
    }

    [Fact]
    public void EqualTo_Sum_BuildsEqualityConstraint()
    {
        var constraint = (X[0] + X[1] + X[2]).EqualTo(1).WithName("one_hot", 7);

        Assert.Equal(ConstraintEquality.EqualToZero, constraint.Equality);
        Assert.Equal(X[0] + X[1] + X[2] - 1, constraint.Function);
        Assert.Equal("one_hot", constraint.Name);
        Assert.Equal([7L], constraint.Subscripts.ToArray());
    }

    [Fact]
    public void Multiply_VariablesInEitherOrder_GiveOneQuadraticMonomial()
    {
        var f = X[0] * X[1] + 2 * (X[1] * X[0]);

        Assert.Equal(2, f.Degree);
        Assert.Equal([new FunctionTerm(Monomial.Quadratic(0, 1), 3)], f.Terms.ToArray());
    }

    [Fact]
    public void Multiply_Binomials_ExpandsAllTerms()
    {
        var f = (X[0] + 1) * (X[1] - 2);

        Assert.Equal(-2, f.Constant);
        Assert.Equal(-2, f.Coefficient(Monomial.Linear(0)));
        Assert.Equal(1, f.Coefficient(Monomial.Linear(1)));
        Assert.Equal(1, f.Coefficient(Monomial.Quadratic(0, 1)));
    }

    [Fact]
    public void Multiply_ThreeVariables_GivesDegreeThreeWithPowers()
    {
        var f = X[2] * X[0] * X[2];

        Assert.Equal(3, f.Degree);
        Assert.Equal([0UL, 2UL, 2UL], f.Terms.Single().Monomial.Ids.ToArray());
    }

    [Fact]
    public void Subtract_Itself_IsZero()
    {
        var f = 3 * X[0] * X[1] + X[2] - 5;

        var zero = f - f;

        Assert.Equal(Function.Zero, zero);
        Assert.True(zero.Terms.IsEmpty);
        Assert.Equal(0, zero.Degree);
    }

    [Fact]
    public void Divide_ByThree_DividesEachCoefficient()
    {
        var f = (X[0] + 3) / 3;

        Assert.Equal(1.0 / 3.0, f.Coefficient(Monomial.Linear(0)));
        Assert.Equal(1, f.Constant);
    }

    [Fact]
    public void Evaluate_Polynomial_MatchesDirectComputation()
    {
        var f = 2 * X[0] * X[1] * X[1] - 3 * X[2] + 0.5;
        var state = new Dictionary<ulong, double> { [0] = 1.5, [1] = -2, [2] = 4 };

        Assert.Equal((2 * 1.5 * -2 * -2) + (-3 * 4.0) + 0.5, f.Evaluate(state));
    }

    [Fact]
    public void Evaluate_MissingVariable_ThrowsNamingIt()
    {
        var f = X[0] + X[3];

        var error = Assert.Throws<EvaluationException>(() => f.Evaluate(new Dictionary<ulong, double> { [0] = 1 }));

        Assert.Contains("variable 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsedDecisionVariableIds_MixedDegrees_AreAscendingAndDistinct()
    {
        var f = X[3] * X[1] + X[1] + 2 * X[0] * X[0] * X[3];

        Assert.Equal([0UL, 1UL, 3UL], f.UsedDecisionVariableIds.ToArray());
    }

    [Fact]
    public void ToString_LinearWithConstant_ReadsLikeTheExpression()
    {
        Assert.Equal("3*x0 - x1 + 2*x0*x1 - 10", (3 * X[0] - X[1] + 2 * X[0] * X[1] - 10).ToString());
        Assert.Equal("0", Function.Zero.ToString());
    }

    [Fact]
    public void Equals_SameTermsBuiltDifferently_AreEqualWithSameHash()
    {
        var a = X[0] + (2 * X[1]);
        var b = Function.Linear([new(1, 2.0), new(0, 1.0)]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b + 1);
    }
}
