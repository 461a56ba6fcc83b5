using Ommx.Integration.Experiments;
using Ommx.Integration.Reporting;

namespace Ommx.Integration.Tests.Reporting;

/// <summary>The report model built from Experiments of each kind: a test suite, a failed checkpoint, an OMMX-payload sweep.</summary>
public sealed class ExperimentReporterTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void Knapsack_HeaderTableAndPlotsComeFromTheData()
    {
        ReportExperiments.Knapsack(temp.Registry, "example.com/report/knapsack:v1");
        using var experiment = Experiment.Load(temp.Registry, "example.com/report/knapsack:v1");

        var report = ExperimentReporter.Build(experiment);

        var h = report.Header;
        Assert.Equal(("example.com/report/knapsack:v1", "finished", 6, 6), (h.ImageName, h.Status, h.RunCount, h.SolveCount));
        Assert.Equal(("2026-12-07T18:00:00Z", "ci-runner-1", "xunit 2.9.3, net10.0", "Knapsack.Tests"), (h.Created, h.Machine, h.Framework, h.Project));
        Assert.Equal([KeyValuePair.Create("passed", 6)], h.Outcomes);
        Assert.Equal(0.01 * (20 + 47 + 56 + 80) + 0.04, h.TotalDurationSeconds!.Value, 9);
        Assert.Equal(["test.method", "test.outcome", "capacity", "objective", "optimum", "test.duration_seconds"], report.Columns.Take(6).Select(c => c.Name));
        Assert.Equal(6, report.Rows.Count);
        Assert.Empty(report.Failures);

        // capacity is the theory argument (it shows in the display name); objective is the declared metric.
        var objective = Assert.Single(report.Plots, p => p.Metric == "objective");
        Assert.Equal(("capacity", "objective"), (objective.XLabel, objective.YLabel));
        Assert.Equal(["Solve_Capacity_LogsObjectiveAndSelection", "Solve_KnownInstance_ReachesOptimum"], objective.Series.Select(s => s.Name));
        Assert.Equal([new ReportPoint(20, 18), new ReportPoint(47, 41), new ReportPoint(56, 49), new ReportPoint(80, 66)], objective.Series[0].Points);
        Assert.Contains(report.Plots, p => p.Title == "objective by optimum" && p.Metric is null);
        Assert.Contains(report.Plots, p => p.Title == "test.duration_seconds by capacity");
        Assert.Contains(report.Plots, p => p.Kind == ReportPlotKind.Histogram);
        var outcomes = Assert.Single(report.Plots, p => p.Kind == ReportPlotKind.Bars);
        Assert.Equal(["passed"], outcomes.Categories);
        var solves = Assert.Single(report.Plots, p => p.Title == "Solve objective per Run");
        Assert.Equal(6, solves.Series.Single(s => s.Name == "feasible").TotalPoints);
        Assert.Equal(report.Plots.Count, report.Plots.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void FailedCheckpoint_ListsEachFailureWithReasonStackAndOutput()
    {
        using var experiment = ReportExperiments.FailedCheckpoint(temp.Registry, "example.com/report/failed:v1");

        var report = ExperimentReporter.Build(experiment);

        Assert.Equal(("failed", "1 test(s) failed: Suite.Solve_Hostile"), (report.Header.Status, report.Header.Reason));
        Assert.Equal(["failed", "interrupted"], report.Failures.Select(f => f.Outcome));
        var failed = report.Failures[0];
        Assert.Contains(ReportExperiments.Hostile, failed.Name, StringComparison.Ordinal);
        Assert.StartsWith("Xunit.Sdk.EqualException", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("line 42", failed.StackTrace, StringComparison.Ordinal);
        Assert.StartsWith("solver said: ", failed.Output, StringComparison.Ordinal);
        Assert.Equal(("the test host stopped while this test ran", null), (report.Failures[1].Reason, report.Failures[1].StackTrace));
        Assert.Equal(
            [KeyValuePair.Create("failed", 1), KeyValuePair.Create("interrupted", 1), KeyValuePair.Create("passed", 1)],
            report.Header.Outcomes);
    }

    [Fact]
    public void InterruptedCheckpoint_StatusReasonAndRunsOpenAtTheCrash()
    {
        using var experiment = Experiment.Create(temp.Registry, "example.com/report/interrupted:v1");
        experiment.Run(run => run.LogParameter("step", 1L));
        var crashed = experiment.Run();
        crashed.LogParameter("step", 2L);
        crashed.Interrupt("the test host process exited (exit code 134)");
        experiment.CommitInterruptedCheckpoint("the test host process exited while 1 test ran");
        using var loaded = Experiment.Load(temp.Registry, Ommx.Integration.Oci.ImageNames.CheckpointReference(temp.Registry.RegistryId, experiment.ImageName).ToString());

        var report = ExperimentReporter.Build(loaded);

        Assert.Equal(("interrupted", "the test host process exited while 1 test ran"), (report.Header.Status, report.Header.Reason));
        var failure = Assert.Single(report.Failures);
        Assert.Equal((1UL, "run 1", "interrupted", "the test host process exited (exit code 134)"), (failure.RunId, failure.Name, failure.Outcome, failure.Reason));
        Assert.Equal([KeyValuePair.Create("finished", 1), KeyValuePair.Create("interrupted", 1)], report.Header.Outcomes);
        Assert.Contains("interrupted: the test host process exited while 1 test ran", ReportHtml.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void LargeSweep_CapsPointsPerPlotAndFailureDetails()
    {
        ReportExperiments.Large(temp.Registry, "example.com/report/large:v1", 3000);
        using var experiment = Experiment.Load(temp.Registry, "example.com/report/large:v1");

        var report = ExperimentReporter.Build(experiment, new ReportOptions { MaxPointsPerPlot = 200, MaxFailureDetails = 5 });

        Assert.Equal(3000, report.Rows.Count);
        Assert.All(report.Plots, p => Assert.True(p.ShownPoints <= 200, $"{p.Title}: {p.ShownPoints} points"));
        var bySize = Assert.Single(report.Plots, p => p.Metric == "objective" && p.XLabel == "size");
        Assert.Equal(3000, bySize.TotalPoints);
        Assert.Single(report.Plots, p => p.Title == "objective by seed" && p.Metric is null);
        Assert.Equal(31, report.Failures.Count);
        Assert.Equal(5, report.Failures.Count(f => f.StackTrace is not null));
        Assert.Contains(report.Notes, n => n.Contains("first 5 of 31 failures", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("of 3,000 points drawn", StringComparison.Ordinal));
    }

    [Fact]
    public void RealOmmxPayloads_SolvesPlottedAndIntegerParametersSwept()
    {
        ReportExperiments.FromRealArchives(temp.Registry, "example.com/report/real:v1");
        using var experiment = Experiment.Load(temp.Registry, "example.com/report/real:v1");

        var report = ExperimentReporter.Build(experiment);

        Assert.Equal(14, report.Header.RunCount);
        Assert.Equal([KeyValuePair.Create("finished", 14)], report.Header.Outcomes);
        var solves = Assert.Single(report.Plots, p => p.Title == "Solve objective per Run");
        Assert.Equal(14, solves.Series.Single(s => s.Name == "feasible").TotalPoints);
        // The Solve objective equals what OMMX stored (the solutions are feasible and evaluate exactly).
        var stored = experiment.Runs.Select(r => r.Parameters["stored_objective"].AsDouble()).ToList();
        Assert.Equal(stored.Order(), solves.Series[0].Points.Select(p => p.Y).Order());
        // Not a test suite: the integer parameter with several values is swept, grouped by the first text parameter with few values.
        var objective = Assert.Single(report.Plots, p => p.Metric == "stored_objective");
        Assert.Equal("variables", objective.XLabel);
        Assert.Equal(["binary_linear", "binary_unconstrained", "integer", "integer_linear", "quadratic_unconstrained"], objective.Series.Select(s => s.Name));
        Assert.Equal(14, objective.TotalPoints);
    }

    [Fact]
    public void Baseline_ComparesAndOverlaysTheMetric()
    {
        ReportExperiments.Knapsack(temp.Registry, "example.com/report/knapsack:base");
        ReportExperiments.Knapsack(temp.Registry, "example.com/report/knapsack:head", capacity => capacity == 56 ? 40 : capacity switch { 20 => 18, 47 => 41, _ => 66 });
        using var before = Experiment.Load(temp.Registry, "example.com/report/knapsack:base");
        using var after = Experiment.Load(temp.Registry, "example.com/report/knapsack:head");

        var report = ExperimentReporter.Build(after, new ReportOptions { Baseline = before });

        Assert.NotNull(report.Comparison);
        Assert.True(report.Comparison.HasRegression);
        Assert.Equal(2, report.Comparison.Summary.Regressed);
        var objective = Assert.Single(report.Plots, p => p.Metric == "objective");
        var baseline = Assert.Single(objective.Series, s => s.Name == "baseline");
        Assert.Contains(new ReportPoint(56, 49), baseline.Points);
        Assert.Contains(new ReportPoint(56, 40), objective.Series[0].Points);
    }

    [Fact]
    public void EmptyExperiment_HasNoPlotsAndNoRows()
    {
        using var experiment = Experiment.Create(temp.Registry, "example.com/report/empty:v1");
        experiment.Commit();

        var report = ExperimentReporter.Build(experiment);

        Assert.Equal((0, 0, 0), (report.Rows.Count, report.Plots.Count, report.Failures.Count));
        Assert.Contains("No Runs", ReportHtml.Render(report), StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
