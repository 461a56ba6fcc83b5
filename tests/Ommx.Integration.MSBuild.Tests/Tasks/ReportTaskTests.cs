using Ommx.Integration.Comparison;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Testing;

namespace Ommx.Integration.MSBuild.Tests.Tasks;

/// <summary>
/// <c>OmmxReport=true</c> in the finish task, against real sessions recorded by the test-host code: the page is written
/// after the commit or checkpoint and its path announced on an <c>OMMX:</c> line; a page that cannot be written is a
/// warning (<c>OMMX1070</c>), never a failed run.
/// </summary>
public sealed class ReportTaskTests : IDisposable
{
    private const string Repository = "example.com/team/report";
    private readonly TempRegistry temp = new();
    private readonly RecordingBuildEngine engine = new();

    [Fact]
    public void Finish_Committed_WritesThePageAndAnnouncesItsPath()
    {
        var path = temp.Scratch.Combine("TestResults", "Report.Tests-net10.0.ommx-report.html");

        var finish = RecordAndFinish($"{Repository}:head", failing: null, path);

        Assert.True(finish.Execute(), Errors());
        Assert.Equal(("Committed", path), (finish.Outcome, finish.ReportWritten));
        Assert.Contains("OMMX: report: " + path, engine.HighImportanceLines);
        var html = File.ReadAllText(path);
        Assert.Contains("<table id=\"runs-table\">", html, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"objective\"", html, StringComparison.Ordinal);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void Finish_TestsFailed_ReportsTheFailedCheckpointWithItsFailure()
    {
        var path = temp.Scratch.Combine("report.html");

        var finish = RecordAndFinish($"{Repository}:head", failing: "20", path);

        Assert.True(finish.Execute(), Errors());
        Assert.Equal("FailedCheckpoint", finish.Outcome);
        var html = File.ReadAllText(path);
        Assert.Contains("<dd class=\"status-failed\">failed", html, StringComparison.Ordinal);
        Assert.Contains("Knapsack.Solve(capacity: 20)</strong> · failed: Exception: worse", html, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Warnings, w => w.Code == "OMMX1070");
    }

    [Fact]
    public void Finish_ReportUnwritable_WarningOMMX1070AndTheRunStaysGreen()
    {
        var blocker = temp.Scratch.Combine("a-file");
        File.WriteAllText(blocker, "x");

        var finish = RecordAndFinish($"{Repository}:head", failing: null, Path.Combine(blocker, "report.html"));

        Assert.True(finish.Execute(), Errors());
        Assert.Equal("Committed", finish.Outcome);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("OMMX1070", warning.Code);
        Assert.Contains($"could not write the report to {Path.Combine(blocker, "report.html")}", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"ommx report {Repository}:head -o <file>", warning.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Finish_ReportOff_NoPage()
    {
        var path = temp.Scratch.Combine("report.html");

        var finish = RecordAndFinish($"{Repository}:head", failing: null, path, report: false);

        Assert.True(finish.Execute(), Errors());
        Assert.False(File.Exists(path));
        Assert.Null(finish.ReportWritten);
        Assert.DoesNotContain(engine.HighImportanceLines, l => l.StartsWith("OMMX: report", StringComparison.Ordinal));
    }

    [Fact]
    public void Finish_WithSummaryFile_AppendsTheCompactMarkdown()
    {
        var summary = temp.Scratch.Combine("summary.md");

        var finish = RecordAndFinish($"{Repository}:head", failing: "20", temp.Scratch.Combine("report.html"), summaryFile: summary);

        Assert.True(finish.Execute(), Errors());
        var markdown = File.ReadAllText(summary);
        Assert.StartsWith("### OMMX report: `", markdown, StringComparison.Ordinal);
        Assert.Contains("**Failures (1)**", markdown, StringComparison.Ordinal);
    }

    private OmmxFinishTestRun RecordAndFinish(string name, string? failing, string reportPath, bool report = true, string? summaryFile = null)
    {
        var begin = new OmmxBeginTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, ExperimentName = name, ProjectName = "Report.Tests", TargetFramework = "net10.0" };
        Assert.True(begin.Execute(), Errors());
        using (var host = TestSession.Start(new TestSessionSettings
        {
            RegistryRoot = temp.Root,
            SessionId = begin.SessionId,
            Metrics = [new MetricDeclaration("objective", MetricGoal.Maximize)],
        }))
        {
            foreach (var capacity in new[] { "10", "20", "30" })
            {
                var run = host.StartTest(new TestCaseInfo($"id-{capacity}", $"Knapsack.Solve(capacity: {capacity})", "Knapsack", "Solve")
                {
                    Arguments = [KeyValuePair.Create<string, object?>("capacity", int.Parse(capacity, System.Globalization.CultureInfo.InvariantCulture))],
                });
                run.LogParameter("objective", int.Parse(capacity, System.Globalization.CultureInfo.InvariantCulture) * 4.0);
                var outcome = capacity == failing ? TestOutcome.Failed : TestOutcome.Passed;
                host.FinishTest(run, new TestResult(outcome, 0.01, "") { ExceptionType = outcome == TestOutcome.Failed ? "System.Exception" : null, ExceptionMessage = "worse" });
            }

            host.Complete();
        }

        engine.Messages.Clear();
        return new OmmxFinishTestRun
        {
            BuildEngine = engine,
            LocalRegistryRoot = temp.Root,
            SessionId = begin.SessionId!,
            TestsSucceeded = failing is null,
            ReportEnabled = report,
            ReportPath = reportPath,
            SummaryFile = summaryFile,
        };
    }

    private string Errors() => string.Join('\n', engine.Errors.Select(e => $"{e.Code}: {e.Message}"));

    public void Dispose() => temp.Dispose();
}
