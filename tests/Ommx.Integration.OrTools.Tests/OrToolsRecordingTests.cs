using System.Text.Json.Nodes;
using Google.OrTools.LinearSolver;
using Google.OrTools.Sat;
using Ommx.Integration.Adapters;
using Ommx.Integration.Experiments;
using Ommx.Integration.Model;
using Ommx.Integration.Registry;

namespace Ommx.Integration.OrTools.Tests;

/// <summary>OR-Tools solves recorded with <see cref="Run.LogSolve"/> / <see cref="Run.OpenSolve{TModel, TResult}"/> in a committed Experiment.</summary>
public sealed class OrToolsRecordingTests : IDisposable
{
    private const string Image = "example.com/ortools/knapsack:v1";
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Theory]
    [InlineData(47, 41)]
    [InlineData(56, 49)]
    public void LogSolve_KnapsackWithScip_ReloadsInstanceSolutionAndOptions(double capacity, double optimum)
    {
        var instance = KnapsackInstances.Create(capacity);
        var options = new OrToolsOptions { TimeLimit = 30, Threads = 1, Seed = 2 };

        var (solution, solve) = RecordAndReload(new OrToolsMilpAdapter(), instance, options);

        Assert.Equal(optimum, solution.Objective);
        Assert.Equal(RunStatus.Finished, solve.Status);
        Assert.Equal(typeof(OrToolsMilpAdapter).FullName, solve.Adapter);
        Assert.Equal("""{"backend":"SCIP","time_limit":30,"threads":1,"seed":2}""", solve.AdapterOptions);
        Assert.Equal(options, solve.GetAdapterOptions<OrToolsOptions>());
        Assert.Equal(instance.ToBytes(), solve.Input.ToBytes());
        Assert.Equal(solution.ToBytes(), Registry.Blobs.Read(solve.Record.Output!));
        Assert.Equal(optimum, solve.Output!.Objective);
        Assert.Equal(Optimality.Optimal, solve.Output.Optimality);
        Assert.Equal("OPTIMAL", solve.RawStatus);
    }

    [Theory]
    [InlineData(47, 41)]
    [InlineData(56, 49)]
    public void LogSolve_KnapsackWithCpSat_ReloadsInstanceSolutionAndOptions(double capacity, double optimum)
    {
        var instance = KnapsackInstances.Create(capacity);
        var options = new SolverOptions { Threads = 1, Seed = 4 };

        var (solution, solve) = RecordAndReload(new OrToolsCpSatAdapter(), instance, options);

        Assert.Equal(optimum, solution.Objective);
        Assert.Equal(typeof(OrToolsCpSatAdapter).FullName, solve.Adapter);
        Assert.Equal(options, solve.GetAdapterOptions<SolverOptions>());
        Assert.Equal(instance.ToBytes(), Registry.Blobs.Read(solve.Record.Input));
        Assert.Equal(solution.ToBytes(), Registry.Blobs.Read(solve.Record.Output!));
        Assert.Equal(Optimality.Optimal, solve.Output!.Optimality);
    }

    [Fact]
    public void LogSolve_InfeasibleModel_RecordsFailedSolveWithReason()
    {
        var solve = RecordFailure<InfeasibleModelException>(new OrToolsMilpAdapter(), Models.Infeasible());

        Assert.StartsWith("InfeasibleModelException: OR-Tools", solve.FailureReason, StringComparison.Ordinal);
        Assert.Equal("INFEASIBLE", solve.RawStatus);
    }

    [Fact]
    public void LogSolve_UnboundedModel_RecordsFailedSolveWithReason()
    {
        var solve = RecordFailure<UnboundedModelException>(new OrToolsMilpAdapter(), Models.Unbounded());

        Assert.StartsWith("UnboundedModelException: OR-Tools", solve.FailureReason, StringComparison.Ordinal);
        Assert.Equal("UNBOUNDED", solve.RawStatus);
    }

    [Fact]
    public void LogSolve_QuadraticObjectiveToLinearBackend_RecordsCapabilityError()
    {
        var solve = RecordFailure<UnsupportedModelException>(new OrToolsMilpAdapter(), Models.QuadraticObjective());

        Assert.Contains("does not support an objective of degree 2 (quadratic)", solve.FailureReason, StringComparison.Ordinal);
        Assert.Null(solve.RawStatus);
    }

    [Fact]
    public void LogSolve_UnboundedVariableToCpSat_RecordsCapabilityErrorNamingVariable()
    {
        var solve = RecordFailure<UnsupportedModelException>(new OrToolsCpSatAdapter(), Models.FreeVariable(VariableKind.Integer));

        Assert.Contains("variable 7 (z) has bound [-Infinity, Infinity]", solve.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSolve_CallerAddsNativeConstraintToScip_RecordsDecodedSolution()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            using var solve = run.OpenSolve(new OrToolsMilpAdapter(), KnapsackInstances.Create(47), new OrToolsOptions { Threads = 1 });
            var solver = solve.Model;
            // A cut the Instance does not have: not both x0 and x3 (the unrestricted optimum).
            var cut = solver.MakeConstraint(double.NegativeInfinity, 1, "cut");
            cut.SetCoefficient(solver.LookupVariableOrNull("x0"), 1);
            cut.SetCoefficient(solver.LookupVariableOrNull("x3"), 1);
            solve.LogAdapterOption("cut", "x0 + x3 <= 1");
            var solution = solve.Decode(solver.Solve());
            Assert.Equal(38, solution.Objective);
        }

        experiment.Commit();

        var recorded = Experiment.Load(Registry, Image).Runs.Single().GetSolve(0);
        Assert.Equal(RunStatus.Finished, recorded.Status);
        Assert.Equal(38, recorded.Output!.Objective);
        Assert.Equal(Optimality.Optimal, recorded.Output.Optimality);
        Assert.Equal("x0 + x3 <= 1", recorded.GetAdapterOptionsJson()["cut"]!.GetValue<string>());
        Assert.Equal("SCIP", recorded.GetAdapterOptionsJson()["backend"]!.GetValue<string>());
    }

    [Fact]
    public void OpenSolve_CallerDrivesCpSat_RecordsDecodedSolution()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            using var solve = run.OpenSolve(new OrToolsCpSatAdapter(), KnapsackInstances.Create(56));
            var solver = new CpSolver { StringParameters = OrToolsCpSatAdapter.Parameters(new SolverOptions { Threads = 1 }) };
            solve.LogAdapterOption("num_workers", JsonValue.Create(1));
            solver.Solve(solve.Model);
            solve.Decode(solver.Response!);
        }

        var recorded = experiment.Runs.Single().GetSolve(0);
        Assert.Equal(49, recorded.Output!.Objective);
        Assert.Equal("""{"num_workers":1}""", recorded.AdapterOptions);
    }

    [Fact]
    public void OpenSolve_InfeasibleResultDecoded_RecordsFailedSolve()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            using var solve = run.OpenSolve(new OrToolsMilpAdapter(), Models.Infeasible());
            var status = solve.Model.Solve();
            Assert.Equal(Solver.ResultStatus.INFEASIBLE, status);
            Assert.Throws<InfeasibleModelException>(() => solve.Decode(status));
        }

        var recorded = experiment.Runs.Single().GetSolve(0);
        Assert.Equal(RunStatus.Failed, recorded.Status);
        Assert.StartsWith("InfeasibleModelException:", recorded.FailureReason, StringComparison.Ordinal);
    }

    private (Solution Solution, SolveView Solve) RecordAndReload(ISolverAdapter adapter, Instance instance, SolverOptions options)
    {
        using var experiment = Experiment.Create(Registry, Image);
        Solution solution;
        using (var run = experiment.Run())
        {
            solution = run.LogSolve(adapter, instance, options);
        }

        experiment.Commit();
        return (solution, Assert.Single(Experiment.Load(Registry, Image).Runs.Single().SolveViews));
    }

    private SolveView RecordFailure<TException>(ISolverAdapter adapter, Instance instance)
        where TException : Exception
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            Assert.Throws<TException>(() => run.LogSolve(adapter, instance));
        }

        experiment.Commit();
        var solve = Assert.Single(Experiment.Load(Registry, Image).Runs.Single().SolveViews);
        Assert.Equal(RunStatus.Failed, solve.Status);
        Assert.Null(solve.Output);
        Assert.Equal(instance.ToBytes(), solve.Input.ToBytes());
        return solve;
    }

    public void Dispose() => temp.Dispose();
}
