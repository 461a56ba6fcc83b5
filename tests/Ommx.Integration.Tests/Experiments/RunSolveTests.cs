using System.Text;
using System.Text.Json.Nodes;
using Ommx.Integration.Adapters;
using Ommx.Integration.Experiments;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.Adapters;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

public sealed class RunSolveTests : IDisposable
{
    private const string Image = "example.com/exp/solve:v1";
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Theory]
    [InlineData(47, 41)]
    [InlineData(56, 49)]
    public void LogSolve_Knapsack_RecordsFinishedSolveThatReloadsByteForByte(double capacity, double optimum)
    {
        var instance = KnapsackInstances.Create(capacity);
        var options = new SolverOptions { TimeLimit = 5, Seed = 3 };
        using var experiment = Experiment.Create(Registry, Image);
        Solution solution;
        using (var run = experiment.Run())
        {
            solution = run.LogSolve(new ExhaustiveBinarySolver(), instance, options);
        }

        experiment.Commit();

        Assert.Equal(optimum, solution.Objective);
        Assert.True(solution.Feasible);
        var solve = Assert.Single(Experiment.Load(Registry, Image).Runs.Single().SolveViews);
        Assert.Equal(0UL, solve.Id);
        Assert.Equal(RunStatus.Finished, solve.Status);
        Assert.Equal(typeof(ExhaustiveBinarySolver).FullName, solve.Adapter);
        Assert.Equal("""{"time_limit":5,"seed":3}""", solve.AdapterOptions);
        Assert.Equal(options, solve.GetAdapterOptions<SolverOptions>());
        Assert.Equal(instance.ToBytes(), Registry.Blobs.Read(solve.Record.Input));
        Assert.Equal(solution.ToBytes(), Registry.Blobs.Read(solve.Record.Output!));
        Assert.Equal(optimum, solve.Output!.Objective);
        Assert.Equal(Optimality.Optimal, solve.Output.Optimality);
        Assert.Equal(instance.Objective, solve.Input.Objective);
        Assert.Equal("OPTIMAL", solve.RawStatus);
        Assert.Null(solve.FailureReason);
    }

    [Fact]
    public void LogSolve_Commit_WritesOmmxSolveConfigAndLayerOrder()
    {
        using var experiment = Experiment.Create(Registry, Image);
        experiment.Run(run => run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47)));

        var descriptor = experiment.Commit();

        var manifest = Registry.ReadManifest(descriptor.Digest).Manifest;
        Assert.Equal([MediaTypes.InstanceV1, MediaTypes.SolutionV1, MediaTypes.Diagnostics, MediaTypes.RunParameters], manifest.Layers.Select(l => l.MediaType));
        Assert.Equal("6", manifest.Layers[0].Annotations!["org.ommx.v1.instance.variables"]);
        Assert.Equal("1", manifest.Layers[0].Annotations!["org.ommx.v1.instance.constraints"]);
        Assert.Empty(manifest.Layers[2].Annotations!);
        var config = Encoding.UTF8.GetString(Registry.Blobs.Read(manifest.Config));
        Assert.Contains(
            $$"""
            "solves":[{"solve_id":0,"status":"finished","input":0,"output":1,"adapter":"{{typeof(ExhaustiveBinarySolver).FullName}}","adapter_options":"{}","diagnostics":2}],"samplings":[]
            """,
            config,
            StringComparison.Ordinal);
    }

    [Fact]
    public void LogSolve_InfeasibleModel_RecordsFailedSolveWithReasonAndRethrows()
    {
        var instance = KnapsackInstances.Create(-1);
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            var error = Assert.Throws<InfeasibleModelException>(() => run.LogSolve(new ExhaustiveBinarySolver(), instance));
            Assert.Equal("INFEASIBLE", error.RawStatus);
        }

        experiment.Commit();

        var loaded = Experiment.Load(Registry, Image).Runs.Single();
        Assert.Equal(RunStatus.Finished, loaded.Status);
        var solve = Assert.Single(loaded.SolveViews);
        Assert.Equal(RunStatus.Failed, solve.Status);
        Assert.Null(solve.Record.Output);
        Assert.Null(solve.Output);
        Assert.Equal("InfeasibleModelException: No 0/1 assignment satisfies every constraint", solve.FailureReason);
        Assert.Equal("INFEASIBLE", solve.RawStatus);
        Assert.Equal(instance.ToBytes(), Registry.Blobs.Read(solve.Record.Input));
    }

    [Fact]
    public void LogSolve_UnsupportedVariable_RecordsFailedSolveWithoutRunningAdapter()
    {
        var x = DecisionVariable.Binary(0);
        var z = DecisionVariable.Integer(1, 0, 3, "z");
        var instance = Instance.Create(ObjectiveSense.Maximize, x + z, [x, z]);
        var adapter = new ExhaustiveBinarySolver();
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            var error = Assert.Throws<UnsupportedModelException>(() => run.LogSolve(adapter, instance));
            Assert.Equal(1UL, error.VariableId);
        }

        experiment.Commit();

        Assert.Equal(0, adapter.SolveCalls);
        var solve = Assert.Single(Experiment.Load(Registry, Image).Runs.Single().SolveViews);
        Assert.Equal(RunStatus.Failed, solve.Status);
        Assert.StartsWith($"UnsupportedModelException: {typeof(ExhaustiveBinarySolver).FullName} does not support variable 1 (z) of kind Integer", solve.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void LogSolve_UnserializableOptions_ThrowsBeforeSolvingAndRecordsNothing()
    {
        var adapter = new ExhaustiveBinarySolver();
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            Assert.Throws<ArgumentException>(() => run.LogSolve(adapter, KnapsackInstances.Create(47), new AdapterOptionsJsonTests.CallbackOptions { Callback = () => { } }));
        }

        Assert.Equal(0, adapter.SolveCalls);
        Assert.Empty(experiment.Runs.Single().Solves);
    }

    [Fact]
    public void LogSolve_SolutionChangedAfterwards_RecordKeepsSolution()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            var solution = run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47));
            solution.SetAnnotation("com.example.later", "yes");
        }

        var output = experiment.Runs.Single().SolveViews.Single().Output!;
        Assert.False(output.Annotations.ContainsKey("com.example.later"));
    }

    [Fact]
    public void LogSolve_SeveralCalls_NumbersSolvesPerRunIncludingFailures()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47));
            Assert.Throws<InfeasibleModelException>(() => run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(-1)));
            run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(56));
        }

        using (var second = experiment.Run())
        {
            second.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(20));
        }

        var runs = experiment.Runs;
        Assert.Equal([0UL, 1UL, 2UL], runs[0].Solves.Select(s => s.Id));
        Assert.Equal([RunStatus.Finished, RunStatus.Failed, RunStatus.Finished], runs[0].Solves.Select(s => s.Status));
        Assert.Equal([41.0, 49.0], runs[0].SolveViews.Where(s => s.Output is not null).Select(s => s.Output!.Objective));
        Assert.Equal([0UL], runs[1].Solves.Select(s => s.Id));
    }

    [Fact]
    public void LogSolve_ClosedRun_IsRefused()
    {
        using var experiment = Experiment.Create(Registry, Image);
        var run = experiment.Run();
        run.Finish();

        Assert.Throws<ExperimentStateException>(() => run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47)));
    }

    [Fact]
    public void LogSolve_UncommittedExperiment_SurvivesRestoreFromJournal()
    {
        using (var experiment = Experiment.Create(Registry, Image))
        {
            experiment.Run(run => run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47)));
        }

        using var restored = Experiment.RestoreFromCheckpoint(Registry, Image);

        Assert.Equal(41, restored.Runs.Single().SolveViews.Single().Output!.Objective);
    }

    [Fact]
    public void OpenSolve_CallerDrivesModel_RecordsDecodedSolutionAndLoggedOptions()
    {
        using var experiment = Experiment.Create(Registry, Image);
        ulong solveId;
        using (var run = experiment.Run())
        {
            run.LogSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47));
            using var solve = run.OpenSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47), new SolverOptions { Threads = 1 });
            solveId = solve.SolveId;
            // Forbid the optimum {x0, x3}: the next best selection is recorded.
            solve.Model.ExtraRules.Add(state => !(state[0] == 1 && state[3] == 1));
            solve.LogAdapterOption("forbidden", new JsonArray(0, 3));
            var solution = solve.Decode(solve.Model.Solve());
            Assert.Equal(38, solution.Objective);
        }

        experiment.Commit();

        var recorded = Experiment.Load(Registry, Image).Runs.Single().GetSolve(solveId);
        Assert.Equal(1UL, solveId);
        Assert.Equal(RunStatus.Finished, recorded.Status);
        Assert.Equal(38, recorded.Output!.Objective);
        Assert.Equal("""{"threads":1,"forbidden":[0,3]}""", recorded.AdapterOptions);
    }

    [Fact]
    public void OpenSolve_ClosedWithoutDecode_RecordsFailedSolve()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            using var solve = run.OpenSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47));
            solve.Model.Solve();
        }

        var recorded = experiment.Runs.Single().SolveViews.Single();
        Assert.Equal(RunStatus.Failed, recorded.Status);
        Assert.Equal("OpenSolve was closed without a decoded Solution", recorded.FailureReason);
    }

    [Fact]
    public void OpenSolve_DecodeOfInfeasibleResult_RecordsItsReason()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            using var solve = run.OpenSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(-1));
            Assert.Throws<InfeasibleModelException>(() => solve.Decode(solve.Model.Solve()));
        }

        var recorded = experiment.Runs.Single().SolveViews.Single();
        Assert.Equal(RunStatus.Failed, recorded.Status);
        Assert.Equal("INFEASIBLE", recorded.RawStatus);
        Assert.StartsWith("InfeasibleModelException:", recorded.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSolve_Failed_RecordsInterruptedForCancellationAndRefusesFurtherUse()
    {
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            var solve = run.OpenSolve(new ExhaustiveBinarySolver(), KnapsackInstances.Create(47));
            solve.Decode(solve.Model.Solve());
            solve.Fail(new OperationCanceledException("stopped by the caller"));
            Assert.Throws<ExperimentStateException>(() => solve.Model);
            solve.Dispose();
        }

        var recorded = experiment.Runs.Single().SolveViews.Single();
        Assert.Equal(RunStatus.Interrupted, recorded.Status);
        Assert.Equal("OperationCanceledException: stopped by the caller", recorded.FailureReason);
    }

    [Fact]
    public void OpenSolve_UnsupportedInstance_RecordsFailedSolveAndThrows()
    {
        var s = DecisionVariable.SemiContinuous(0, 1, 2);
        var instance = Instance.Create(ObjectiveSense.Minimize, s.ToFunction(), [s]);
        using var experiment = Experiment.Create(Registry, Image);
        using (var run = experiment.Run())
        {
            Assert.Throws<UnsupportedModelException>(() => run.OpenSolve(new ExhaustiveBinarySolver(), instance));
        }

        var recorded = experiment.Runs.Single().SolveViews.Single();
        Assert.Equal(RunStatus.Failed, recorded.Status);
        Assert.Contains("SemiContinuous", recorded.FailureReason, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
