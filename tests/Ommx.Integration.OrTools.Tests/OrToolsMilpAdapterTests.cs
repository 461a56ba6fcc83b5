using Google.OrTools.LinearSolver;
using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.OrTools.Tests;

public sealed class OrToolsMilpAdapterTests
{
    private readonly OrToolsMilpAdapter adapter = new();

    [Theory]
    [InlineData("SCIP", 47, 41)]
    [InlineData("SCIP", 56, 49)]
    [InlineData("CBC", 47, 41)]
    [InlineData("HIGHS", 56, 49)]
    public void Solve_Knapsack_ReachesProvenOptimum(string backend, double capacity, double optimum)
    {
        var result = adapter.Solve(KnapsackInstances.Create(capacity), new OrToolsOptions { Backend = backend, TimeLimit = 30 });

        Assert.Equal("OPTIMAL", result.RawStatus);
        Assert.Equal(optimum, result.Solution.Objective);
        Assert.Equal(Optimality.Optimal, result.Solution.Optimality);
        Assert.True(result.Solution.Feasible);
        Assert.Equal(optimum, KnapsackInstances.Values.Select((v, i) => v * result.Solution.Value((ulong)i)).Sum());
    }

    [Fact]
    public void Solve_DefaultOptions_UsesScip()
    {
        var result = adapter.Solve(KnapsackInstances.Create(47), new SolverOptions { Threads = 1, Seed = 5 });

        Assert.Equal(41, result.Solution.Objective);
    }

    [Theory]
    [InlineData("SCIP")]
    [InlineData("CBC")]
    public void Solve_InfeasibleModel_ThrowsInfeasible(string backend)
    {
        var error = Assert.Throws<InfeasibleModelException>(() => adapter.Solve(Models.Infeasible(), new OrToolsOptions { Backend = backend }));

        Assert.Equal("INFEASIBLE", error.RawStatus);
        Assert.Contains("infeasible", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SCIP", VariableKind.Integer)]
    [InlineData("CBC", VariableKind.Integer)]
    [InlineData("GLOP", VariableKind.Continuous)]
    public void Solve_UnboundedModel_ThrowsUnbounded(string backend, VariableKind kind)
    {
        var error = Assert.Throws<UnboundedModelException>(() => adapter.Solve(Models.Unbounded(kind), new OrToolsOptions { Backend = backend }));

        Assert.Contains("unbounded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_QuadraticObjective_RefusedBeforeSolving()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => adapter.Solve(Models.QuadraticObjective(), new SolverOptions()));

        Assert.Equal(UnsupportedFeature.ObjectiveDegree, error.Feature);
        Assert.Contains("OrToolsMilpAdapter (SCIP) does not support an objective of degree 2 (quadratic)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SCIP", VariableKind.Continuous)]
    [InlineData("SCIP", VariableKind.Integer)]
    [InlineData("GLOP", VariableKind.Continuous)]
    public void Solve_VariableWithoutBounds_PassedAsInfiniteBounds(string backend, VariableKind kind)
    {
        var result = adapter.Solve(Models.FreeVariable(kind), new OrToolsOptions { Backend = backend });

        Assert.Equal(-5, result.Solution.Objective, 9);
        Assert.Equal(-5, result.Solution.Value(7), 9);
        Assert.True(result.Solution.Feasible);
    }

    [Fact]
    public void Solve_IntegerVariablesOnLinearProgrammingBackend_RefusedNamingVariable()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => adapter.Solve(KnapsackInstances.Create(47), new OrToolsOptions { Backend = "GLOP" }));

        Assert.Equal(UnsupportedFeature.VariableKind, error.Feature);
        Assert.Equal(0UL, error.VariableId);
    }

    [Fact]
    public void Solve_UnknownBackend_NamesIt()
    {
        var error = Assert.Throws<OmmxException>(() => adapter.Solve(KnapsackInstances.Create(47), new OrToolsOptions { Backend = "NO_SUCH_SOLVER" }));

        Assert.Contains("`NO_SUCH_SOLVER` is not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_SeedOnBackendWithoutSeed_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() => adapter.Solve(KnapsackInstances.Create(47), new OrToolsOptions { Backend = "CBC", Seed = 1 }));

        Assert.Contains("SCIP backend only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FeasibleStatus_LeavesOptimalityUnproven()
    {
        using var model = adapter.BuildModel(KnapsackInstances.Create(47), new SolverOptions());
        model.Model.Solve();

        var solution = model.Decode(Solver.ResultStatus.FEASIBLE);

        Assert.Equal(Optimality.Unspecified, solution.Optimality);
        Assert.Equal(41, solution.Objective);
    }

    [Fact]
    public void Decode_NotSolved_ThrowsNoSolution()
    {
        using var model = adapter.BuildModel(KnapsackInstances.Create(47), new SolverOptions());

        var error = Assert.Throws<NoSolutionException>(() => model.Decode(Solver.ResultStatus.NOT_SOLVED));

        Assert.Equal("NOT_SOLVED", error.RawStatus);
    }

    [Fact]
    public void BuildModel_Knapsack_HasOneNativeVariableAndConstraintPerOmmxOne()
    {
        using var model = adapter.BuildModel(KnapsackInstances.Create(47), new SolverOptions());

        Assert.Equal(6, model.Model.NumVariables());
        Assert.Equal(1, model.Model.NumConstraints());
        Assert.Equal(47, model.Model.Constraint(0).Ub());
        Assert.True(model.Model.Objective().Maximization());
    }
}
