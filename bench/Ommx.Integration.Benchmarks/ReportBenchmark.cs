using System.Globalization;
using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Reporting;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// <c>ommx report</c>'s work on a recorded suite of <c>OMMX_BENCH_RUNS</c> (default 10,000) test cases — a sweep over
/// size and seed with a declared metric, every 97th case failed with a stack trace — against reading the Experiment:
/// loading it and reading its Runs and run-parameter table.
/// </summary>
internal static class ReportBenchmark
{
    private const string Image = "example.com/bench/report:v1";

    public static void Run(string work)
    {
        var runs = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_RUNS") ?? "10000", CultureInfo.InvariantCulture);
        using var registry = LocalRegistry.Open(Path.Combine(work, "report"));
        Record(registry, runs);
        var output = Path.Combine(work, "report.html");
        ExperimentReport? report = null;
        Measure.SideBySide(
            $"report of a {runs:N0}-Run Experiment (HTML page written) vs loading it and reading its Runs and run-parameter table (target <= 3x)",
            5,
            () =>
            {
                using var experiment = Experiment.Load(registry, Image);
                _ = experiment.Runs.Count + experiment.RunParameters.ColumnNames.Count;
            },
            () =>
            {
                using var experiment = Experiment.Load(registry, Image);
                report = ExperimentReporter.Build(experiment);
                ReportFile.Write(output, ReportHtml.Render(report));
            });
        Console.WriteLine($"report: {report!.Rows.Count:N0} rows, {report.Plots.Count} plots ({report.Plots.Max(p => p.ShownPoints):N0} points at most), {report.Failures.Count:N0} failures, {new FileInfo(output).Length / 1024.0 / 1024.0:F1} MiB");
    }

    private static void Record(LocalRegistry registry, int runs)
    {
        using var experiment = Experiment.Create(registry, Image);
        experiment.DurableRuns = false;
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        experiment.SetAnnotation(MetricAnnotation.Key, MetricAnnotation.Format([new MetricDeclaration("objective", MetricGoal.Maximize)]));
        for (var i = 0; i < runs; i++)
        {
            var size = 10 + i % 100;
            var seed = i / 100;
            var display = string.Create(CultureInfo.InvariantCulture, $"Suite.Sweep(size: {size}, seed: {seed})");
            using var run = experiment.Run();
            run.LogParameter("test.id", "case-" + i.ToString(CultureInfo.InvariantCulture));
            run.LogParameter("test.display_name", display);
            run.LogParameter("test.method", "Sweep");
            run.LogParameter("size", (long)size);
            run.LogParameter("seed", (long)seed);
            run.LogParameter("test.outcome", i % 97 == 0 ? "failed" : "passed");
            run.LogParameter("test.duration_seconds", 0.001 * (i % 17));
            run.LogParameter("objective", size * 1.5 + Math.Sin(i));
            if (i % 97 == 0)
            {
                run.LogText("stack-trace.txt", "   at Suite.Sweep() in Suite.cs:line " + i.ToString(CultureInfo.InvariantCulture));
                run.Fail("Xunit.Sdk.TrueException: case " + i.ToString(CultureInfo.InvariantCulture));
            }
        }

        experiment.Commit();
    }
}
