using System.Globalization;
using Ommx.Integration.Adapters;
using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Inspection;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.Adapters;

namespace Ommx.Integration.Tests.Reporting;

/// <summary>
/// Experiments the report tests render, recorded with the core API the way the test framework and users record
/// them: the Knapsack sample's suite, a failed checkpoint with hostile text, a 10,000-Run sweep, and an Experiment
/// whose Solves carry the OMMX-written Instances and Solutions of the repository's real archives.
/// </summary>
internal static class ReportExperiments
{
    public const string Hostile = "</script><script>alert(1)</script><img src=x onerror=\"alert('x')\">";

    public static readonly MetricDeclaration Objective = new("objective", MetricGoal.Maximize, 1e-6);

    /// <summary>What <c>dotnet test samples/Knapsack.Tests</c> records: two theories over capacities, each Run solving a knapsack.</summary>
    public static Descriptor Knapsack(LocalRegistry registry, string name, Func<int, double>? objective = null)
    {
        using var experiment = Suite(registry, name);
        var solver = new ExhaustiveBinarySolver();
        foreach (var capacity in new[] { 20, 47, 56, 80 })
        {
            experiment.Run(run =>
            {
                Case(run, "Solve_Capacity_LogsObjectiveAndSelection", $"capacity: {capacity}", "passed", 0.01 * capacity);
                run.LogParameter("capacity", (long)capacity);
                var solution = run.LogSolve(solver, KnapsackInstances.Create(capacity));
                run.LogParameter("objective", (long)Math.Round(objective?.Invoke(capacity) ?? solution.Objective));
            });
        }

        foreach (var capacity in new[] { 47, 56 })
        {
            experiment.Run(run =>
            {
                Case(run, "Solve_KnownInstance_ReachesOptimum", $"capacity: {capacity}, optimum: {(capacity == 47 ? 41 : 49)}", "passed", 0.02);
                run.LogParameter("capacity", (long)capacity);
                run.LogParameter("optimum", capacity == 47 ? 41L : 49L);
                var solution = run.LogSolve(solver, KnapsackInstances.Create(capacity));
                run.LogParameter("objective", (long)Math.Round(objective?.Invoke(capacity) ?? solution.Objective));
            });
        }

        return experiment.Commit();
    }

    /// <summary>A test run that failed: a failed test with stack trace and output, an interrupted one, a passed one.</summary>
    public static Experiment FailedCheckpoint(LocalRegistry registry, string name)
    {
        var experiment = Suite(registry, name);
        experiment.Run(run =>
        {
            Case(run, "Parse_Input", "input: \"a\\\"b\"", "passed", 0.5);
            run.LogParameter("input", "a\"b");
        });
        var failed = experiment.Run();
        Case(failed, "Solve_Hostile", "input: \"" + Hostile + "\"", "failed", 1.25);
        failed.LogParameter("input", Hostile);
        failed.LogParameter("note", "quote \" and 'single' & ampersand");
        failed.LogText("stack-trace.txt", "   at Suite.Solve_Hostile() in /src/Suite.cs:line 42\n" + Hostile);
        failed.LogText("output.txt", "solver said: " + Hostile + "\nline 2");
        failed.Fail("Xunit.Sdk.EqualException: Assert.Equal() Failure " + Hostile);
        var interrupted = experiment.Run();
        Case(interrupted, "Solve_Hangs", "input: \"slow\"", "interrupted", 30);
        interrupted.LogParameter("input", "slow");
        interrupted.Interrupt("the test host stopped while this test ran");
        experiment.CommitFailedCheckpoint("1 test(s) failed: Suite.Solve_Hostile");
        return experiment;
    }

    /// <summary>A sweep of <paramref name="runs"/> test cases over size and seed, every 97th failing.</summary>
    public static Descriptor Large(LocalRegistry registry, string name, int runs)
    {
        using var experiment = Suite(registry, name);
        experiment.DurableRuns = false;
        for (var i = 0; i < runs; i++)
        {
            var size = 10 + i % 100;
            var seed = i / 100;
            var failing = i % 97 == 0;
            var run = experiment.Run();
            Case(run, "Sweep", $"size: {size}, seed: {seed}", failing ? "failed" : "passed", 0.001 * (1 + i % 50) + size * 1e-4);
            run.LogParameter("size", (long)size);
            run.LogParameter("seed", (long)seed);
            run.LogParameter("objective", size * 1.5 + Math.Sin(i) * 3);
            if (failing)
            {
                run.LogText("stack-trace.txt", "   at Suite.Sweep() in /src/Suite.cs:line " + i.ToString(CultureInfo.InvariantCulture));
                run.Fail("Xunit.Sdk.TrueException: case " + i.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                run.Finish();
            }
        }

        return experiment.Commit();
    }

    /// <summary>
    /// The repository's real OMMX archives (Instances by jijmodeling, Solutions by the benchmark's solvers) imported
    /// into the registry as OMMX wrote them, and one Experiment with a Run per archive whose Solve is that Instance
    /// evaluated at the stored Solution's state: problem, model and instance as text parameters, no test columns.
    /// </summary>
    public static Descriptor FromRealArchives(LocalRegistry registry, string name)
    {
        using var experiment = Experiment.Create(registry, name);
        experiment.SetAnnotation(MetricAnnotation.Key, MetricAnnotation.Format([new MetricDeclaration("stored_objective", MetricGoal.Minimize)]));
        foreach (var path in TestPaths.RealArchives().Where(p => p.Contains("OmmxQuantumBenchmarks", StringComparison.Ordinal)))
        {
            var imported = OciArchiveImporter.Import(registry, path);
            var view = ArtifactInspector.Inspect(registry, imported.Image);
            var layers = view.Stored.Manifest.Layers;
            var instanceLayer = layers.Single(l => l.MediaType == MediaTypes.InstanceV1);
            var solutionLayer = layers.Single(l => l.MediaType == MediaTypes.SolutionV1);
            var instance = Instance.FromLayer(instanceLayer.MediaType, registry.Blobs.Read(instanceLayer));
            var stored = Solution.FromLayer(solutionLayer.MediaType, registry.Blobs.Read(solutionLayer));
            var parts = Path.GetFileNameWithoutExtension(path).Split("__");
            experiment.Run(run =>
            {
                run.LogParameter("problem", parts[0]);
                run.LogParameter("model", parts[1]);
                run.LogParameter("instance", parts[2]);
                run.LogParameter("variables", (long)instance.DecisionVariables.Count);
                run.LogParameter("stored_objective", stored.Objective);
                run.LogSolve(new StoredStateSolver(stored.State), instance);
            });
        }

        return experiment.Commit();
    }

    private static Experiment Suite(LocalRegistry registry, string name)
    {
        var experiment = Experiment.Create(registry, name);
        experiment.SetAnnotation("org.opencontainers.image.created", "2026-12-07T18:00:00Z");
        experiment.SetAnnotation("org.opencontainers.image.revision", "0123456789abcdef0123456789abcdef01234567");
        experiment.SetAnnotation("io.github.ommx-integration.machine", "ci-runner-1");
        experiment.SetAnnotation("io.github.ommx-integration.test-framework", "xunit 2.9.3");
        experiment.SetAnnotation("io.github.ommx-integration.target-framework", "net10.0");
        experiment.SetAnnotation("io.github.ommx-integration.project", "Knapsack.Tests");
        experiment.SetAnnotation(MetricAnnotation.Key, MetricAnnotation.Format([Objective]));
        return experiment;
    }

    private static void Case(Run run, string method, string arguments, string outcome, double seconds)
    {
        var display = $"Knapsack.Tests.KnapsackTests.{method}({arguments})";
        run.LogParameter("test.id", "id-" + display);
        run.LogParameter("test.display_name", display);
        run.LogParameter("test.class", "Knapsack.Tests.KnapsackTests");
        run.LogParameter("test.method", method);
        run.LogParameter("test.outcome", outcome);
        run.LogParameter("test.duration_seconds", seconds);
    }

    /// <summary>Evaluates the Instance at a state another solver found (here: one OMMX stored).</summary>
    private sealed class StoredStateSolver(IReadOnlyDictionary<ulong, double> state) : ISolverAdapter
    {
        public AdapterCapabilities GetCapabilities(SolverOptions options) => new()
        {
            VariableKinds = new HashSet<VariableKind> { VariableKind.Binary, VariableKind.Integer, VariableKind.Continuous },
            MaxObjectiveDegree = int.MaxValue,
            MaxConstraintDegree = int.MaxValue,
        };

        public SolveResult Solve(Instance instance, SolverOptions options) => new(instance.Evaluate(state), "STORED");
    }
}
