using System.Globalization;
using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// <c>ommx diff</c>'s work on two recorded suites of <c>OMMX_BENCH_RUNS</c> (default 20,000) test cases each
/// (the head with every tenth case failed and every seventh objective lower), against the least a comparison
/// must do: load both Experiments and read both run-parameter tables.
/// </summary>
internal static class DiffBenchmark
{
    public static void Run(string work)
    {
        var runs = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_RUNS") ?? "20000", CultureInfo.InvariantCulture);
        using var registry = LocalRegistry.Open(Path.Combine(work, "diff"));
        Record(registry, "example.com/bench/diff:base", runs, worse: false);
        Record(registry, "example.com/bench/diff:head", runs, worse: true);
        var options = new ComparisonOptions { Metrics = [new MetricDeclaration("objective", MetricGoal.Maximize, 1e-9)] };
        ComparisonReport? report = null;
        Measure.SideBySide(
            $"diff of two {runs:N0}-Run Experiments vs loading both and reading their run-parameter tables (target <= 2x)",
            5,
            () =>
            {
                using var before = Experiment.Load(registry, "example.com/bench/diff:base");
                using var after = Experiment.Load(registry, "example.com/bench/diff:head");
                _ = before.RunParameters.ColumnNames.Count + after.RunParameters.ColumnNames.Count;
            },
            () =>
            {
                using var before = Experiment.Load(registry, "example.com/bench/diff:base");
                using var after = Experiment.Load(registry, "example.com/bench/diff:head");
                report = ExperimentComparer.Compare(before, after, options);
            });
        Console.WriteLine($"diff: {ComparisonText.SummaryLine(report!.Summary)}");
    }

    private static void Record(LocalRegistry registry, string image, int runs, bool worse)
    {
        using var experiment = Experiment.Create(registry, image);
        experiment.DurableRuns = false;
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        for (var i = 0; i < runs; i++)
        {
            using var run = experiment.Run();
            run.LogParameter("test.id", "case-" + i.ToString(CultureInfo.InvariantCulture));
            run.LogParameter("test.display_name", "Suite.Knapsack(" + i.ToString(CultureInfo.InvariantCulture) + ")");
            run.LogParameter("test.method", "Knapsack");
            run.LogParameter("capacity", (long)i);
            run.LogParameter("test.outcome", worse && i % 10 == 0 ? "failed" : "passed");
            run.LogParameter("test.duration_seconds", 0.001 * (i % 17));
            run.LogParameter("objective", worse && i % 7 == 0 ? i - 1.0 : i);
        }

        experiment.Commit();
    }
}
