using Google.OrTools.Sat;
using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.OrTools.Tests;

public sealed class OrToolsCpSatAdapterTests
{
    private readonly OrToolsCpSatAdapter adapter = new();

    [Theory]
    [InlineData(47, 41)]
    [InlineData(56, 49)]
    public void Solve_Knapsack_ReachesProvenOptimum(double capacity, double optimum)
    {
        var result = adapter.Solve(KnapsackInstances.Create(capacity), new SolverOptions { Threads = 1, Seed = 1, TimeLimit = 30 });

        Assert.Equal("OPTIMAL", result.RawStatus);
        Assert.Equal(optimum, result.Solution.Objective);
        Assert.Equal(Optimality.Optimal, result.Solution.Optimality);
        Assert.True(result.Solution.Feasible);
    }

    [Fact]
    public void Solve_InfeasibleModel_ThrowsInfeasible()
    {
        var error = Assert.Throws<InfeasibleModelException>(() => adapter.Solve(Models.Infeasible(), new SolverOptions()));

        Assert.Equal("INFEASIBLE", error.RawStatus);
    }

    [Fact]
    public void Solve_VariableWithoutBounds_RefusedNamingVariable()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => adapter.Solve(Models.FreeVariable(VariableKind.Integer), new SolverOptions()));

        Assert.Equal(UnsupportedFeature.UnboundedVariable, error.Feature);
        Assert.Equal(7UL, error.VariableId);
        Assert.Equal("OrToolsCpSatAdapter requires finite bounds, but variable 7 (z) has bound [-Infinity, Infinity]", error.Message);
    }

    [Fact]
    public void Solve_ContinuousVariable_RefusedNamingVariable()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => adapter.Solve(Models.FreeVariable(VariableKind.Continuous), new SolverOptions()));

        Assert.Equal(UnsupportedFeature.VariableKind, error.Feature);
        Assert.Equal(7UL, error.VariableId);
    }

    [Fact]
    public void Solve_NonIntegerCoefficient_RefusedNamingConstraint()
    {
        var x = new[] { DecisionVariable.Binary(0), DecisionVariable.Binary(1) };
        var instance = Instance.Create(ObjectiveSense.Maximize, x[0] + x[1], x, [((0.5 * x[0]) + x[1] <= 1).WithId(3)]);

        var error = Assert.Throws<UnsupportedModelException>(() => adapter.Solve(instance, new SolverOptions()));

        Assert.Equal(UnsupportedFeature.NonIntegerCoefficient, error.Feature);
        Assert.Equal(3UL, error.ConstraintId);
    }

    [Fact]
    public void Solve_QuadraticObjective_Refused()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => adapter.Solve(Models.QuadraticObjective(), new SolverOptions()));

        Assert.Equal(UnsupportedFeature.ObjectiveDegree, error.Feature);
    }

    [Theory]
    [InlineData(4.5, 4)]
    [InlineData(4.0000001, 4)]
    [InlineData(3.9999999, 4)]
    [InlineData(3.99, 3)]
    public void Solve_FractionalConstraintConstant_AcceptsExactlyWhatOmmxAccepts(double limit, double expected)
    {
        var x = DecisionVariable.Integer(0, 0, 10);
        var instance = Instance.Create(ObjectiveSense.Maximize, x.ToFunction(), [x], [(x.ToFunction() <= limit).WithId(0)]);

        var result = adapter.Solve(instance, new SolverOptions());

        Assert.Equal(expected, result.Solution.Objective);
        Assert.True(result.Solution.Feasible);
    }

    [Fact]
    public void Solve_EqualityWithNoIntegerSolution_ThrowsInfeasible()
    {
        var x = DecisionVariable.Integer(0, 0, 10);
        var instance = Instance.Create(ObjectiveSense.Maximize, x.ToFunction(), [x], [(2 * x).EqualTo(3).WithId(0)]);

        Assert.Throws<InfeasibleModelException>(() => adapter.Solve(instance, new SolverOptions()));
    }

    [Fact]
    public void Parameters_CommonOptions_MapToCpSatNames()
    {
        Assert.Equal("max_time_in_seconds:2.5 num_workers:1 random_seed:9", OrToolsCpSatAdapter.Parameters(new SolverOptions { TimeLimit = 2.5, Threads = 1, Seed = 9 }));
        Assert.Equal(string.Empty, OrToolsCpSatAdapter.Parameters(new SolverOptions()));
        Assert.Throws<ArgumentException>(() => OrToolsCpSatAdapter.Parameters(new SolverOptions { TimeLimit = -1 }));
    }

    [Fact]
    public void Decode_UnknownStatus_ThrowsNoSolution()
    {
        using var model = adapter.BuildModel(KnapsackInstances.Create(47), new SolverOptions());

        var error = Assert.Throws<NoSolutionException>(() => model.Decode(new CpSolverResponse { Status = CpSolverStatus.Unknown }));

        Assert.Equal("UNKNOWN", error.RawStatus);
    }
}
