using Ommx.Integration.Comparison;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Testing;

namespace Ommx.Integration.MSBuild.Tests.Tasks;

/// <summary>
/// The regression gate of the finish task (<c>OmmxBaseline</c>), run directly against real sessions recorded by the
/// test-host code: a baseline run, then a head run with one case worse.
/// </summary>
public sealed class BaselineGateTaskTests : IDisposable
{
    private const string Repository = "example.com/team/gate";
    private readonly TempRegistry temp = new();
    private readonly RecordingBuildEngine engine = new();

    [Fact]
    public void Finish_OneCaseRegressed_SummaryLineAndOneWarningOMMX1061NamingTestMetricAndValues()
    {
        var baseline = Record($"{Repository}:base", new() { ["10"] = 42, ["20"] = 80 });

        var finish = RecordAndFinish($"{Repository}:head", new() { ["10"] = 42, ["20"] = 71 }, baseline);

        Assert.True(finish.Execute(), Errors());
        Assert.Contains($"OMMX: against baseline {baseline}: 0 broke, 0 fixed, 0 still failing, 0 new, 0 removed, 1 regressed, 0 improved, 1 unchanged", engine.HighImportanceLines);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("OMMX1061", warning.Code);
        Assert.Equal("OMMX: regressed against baseline: Knapsack.Solve(capacity: 20): objective 80 → 71 (maximize)", warning.Message);
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Finish_RegressedWithFailOnRegression_ErrorOMMX1062AndTaskFailsButExperimentStaysCommitted()
    {
        var baseline = Record($"{Repository}:base", new() { ["10"] = 42, ["20"] = 80 });

        var finish = RecordAndFinish($"{Repository}:head", new() { ["10"] = 42, ["20"] = 71 }, baseline, failOnRegression: true);

        Assert.False(finish.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1062", error.Code);
        Assert.Contains("Knapsack.Solve(capacity: 20): objective 80 → 71", error.Message, StringComparison.Ordinal);
        Assert.Equal("Committed", finish.Outcome);
        Assert.NotNull(temp.Registry.Resolve(Oci.ImageReference.Parse($"{Repository}:head")));
    }

    [Fact]
    public void Finish_TestsFailed_FailedCheckpointComparedAndBrokenCaseNamed()
    {
        var baseline = Record($"{Repository}:base", new() { ["10"] = 42, ["20"] = 80 });

        var finish = RecordAndFinish($"{Repository}:head", new() { ["10"] = 42, ["20"] = 80 }, baseline, failing: "20");

        Assert.True(finish.Execute(), Errors());
        Assert.Equal("FailedCheckpoint", finish.Outcome);
        Assert.Contains(engine.HighImportanceLines, l => l.StartsWith($"OMMX: against baseline {baseline}: 1 broke,", StringComparison.Ordinal));
        var broke = Assert.Single(engine.Warnings, w => w.Code == "OMMX1061");
        Assert.Equal("OMMX: broke against baseline: Knapsack.Solve(capacity: 20): broke, test.outcome passed → failed", broke.Message);
    }

    [Fact]
    public void Finish_BaselineMissing_WarningOMMX1063NamingImageAndCause_ErrorOnlyWithFailOnRegression()
    {
        // Nothing listens on port 9: the pull is refused, and the warning names the image and the cause.
        var finish = RecordAndFinish($"{Repository}:head", new() { ["10"] = 42 }, "127.0.0.1:9/team/gate:base");
        Assert.True(finish.Execute(), Errors());
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("OMMX1063", warning.Code);
        Assert.StartsWith("OMMX: baseline 127.0.0.1:9/team/gate:base could not be loaded, nothing was compared: ", warning.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:9", warning.Message![80..], StringComparison.Ordinal);

        var strict = RecordAndFinish($"{Repository}:head2", new() { ["10"] = 42 }, "local.ommx.local/never:recorded", failOnRegression: true);
        Assert.False(strict.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1063", error.Code);
        Assert.Contains("OmmxFailOnRegression=true requires a baseline", error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Committed", strict.Outcome);
    }

    [Fact]
    public void Finish_NoBaseline_NothingCompared()
    {
        var finish = RecordAndFinish($"{Repository}:head", new() { ["10"] = 42 }, baseline: null, failOnRegression: true, summaryFile: temp.Scratch.Combine("summary.md"));

        Assert.True(finish.Execute(), Errors());
        Assert.Empty(engine.Warnings);
        Assert.DoesNotContain(engine.HighImportanceLines, l => l.Contains("baseline", StringComparison.Ordinal));
        Assert.False(File.Exists(temp.Scratch.Combine("summary.md")));
    }

    [Fact]
    public void Finish_SummaryFile_MarkdownAppendedAfterExistingContent()
    {
        var baseline = Record($"{Repository}:base", new() { ["10"] = 42, ["20"] = 80 });
        var summary = temp.Scratch.Combine("ci", "step-summary.md");
        Directory.CreateDirectory(Path.GetDirectoryName(summary)!);
        File.WriteAllText(summary, "# earlier step\n");

        var finish = RecordAndFinish($"{Repository}:head", new() { ["10"] = 42, ["20"] = 71 }, baseline, summaryFile: summary);
        Assert.True(finish.Execute(), Errors());

        var text = File.ReadAllText(summary);
        Assert.StartsWith("# earlier step\n\n### OMMX diff: ", text, StringComparison.Ordinal);
        Assert.Contains("**Regression.**", text, StringComparison.Ordinal);
        Assert.Contains("Knapsack.Solve(capacity: 20)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_SummaryFileUnwritable_WarningOMMX1066AndStillCompared()
    {
        var baseline = Record($"{Repository}:base", new() { ["10"] = 42 });
        var blocker = temp.Scratch.Combine("a-file");
        File.WriteAllText(blocker, "x");

        var finish = RecordAndFinish($"{Repository}:head", new() { ["10"] = 42 }, baseline, summaryFile: Path.Combine(blocker, "summary.md"));
        Assert.True(finish.Execute(), Errors());

        Assert.Equal("OMMX1066", Assert.Single(engine.Warnings).Code);
        Assert.Contains(engine.HighImportanceLines, l => l.StartsWith($"OMMX: against baseline {baseline}: 0 broke", StringComparison.Ordinal));
    }

    [Fact]
    public void Finish_BaselineUnreadable_WarningNeverBreaksTheCommit()
    {
        // A name that cannot even be parsed as an image reference: the gate reports it, the commit stands.
        var finish = RecordAndFinish($"{Repository}:head", new() { ["10"] = 42 }, "Not A Valid::Name");

        Assert.True(finish.Execute(), Errors());
        Assert.Equal("Committed", finish.Outcome);
        Assert.Equal("OMMX1063", Assert.Single(engine.Warnings).Code);
    }

    [Fact]
    public void Finish_NothingRecorded_WarningOMMX1064NotASilentPass()
    {
        var baseline = Record($"{Repository}:base", new() { ["10"] = 42 });

        var finish = RecordAndFinish($"{Repository}:head", [], baseline, failOnRegression: true);

        Assert.True(finish.Execute(), Errors());
        Assert.Equal("NothingRecorded", finish.Outcome);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("OMMX1064", warning.Code);
        Assert.StartsWith($"OMMX: not compared with baseline {baseline}: this run published nothing", warning.Message, StringComparison.Ordinal);
    }

    private string Record(string name, Dictionary<string, double> objectives)
    {
        var finish = RecordAndFinish(name, objectives, baseline: null);
        Assert.True(finish.Execute(), Errors());
        engine.Messages.Clear();
        return name;
    }

    private OmmxFinishTestRun RecordAndFinish(string name, Dictionary<string, double> objectives, string? baseline, bool failOnRegression = false, string? failing = null, string? summaryFile = null)
    {
        var begin = new OmmxBeginTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, ExperimentName = name, ProjectName = "Gate.Tests", TargetFramework = "net10.0" };
        Assert.True(begin.Execute(), Errors());
        using (var host = TestSession.Start(new TestSessionSettings
        {
            RegistryRoot = temp.Root,
            SessionId = begin.SessionId,
            Metrics = [new MetricDeclaration("objective", MetricGoal.Maximize, Tolerance: 1e-6)],
        }))
        {
            foreach (var (capacity, objective) in objectives)
            {
                var run = host.StartTest(new TestCaseInfo($"id-{capacity}", $"Knapsack.Solve(capacity: {capacity})", "Knapsack", "Solve"));
                run.LogParameter("objective", objective);
                var outcome = capacity == failing ? TestOutcome.Failed : TestOutcome.Passed;
                host.FinishTest(run, new TestResult(outcome, 0.01, "") { ExceptionType = outcome == TestOutcome.Failed ? "System.Exception" : null, ExceptionMessage = "worse" });
            }

            host.Complete();
        }

        return new OmmxFinishTestRun
        {
            BuildEngine = engine,
            LocalRegistryRoot = temp.Root,
            SessionId = begin.SessionId!,
            TestsSucceeded = failing is null,
            Baseline = baseline,
            FailOnRegression = failOnRegression,
            SummaryFile = summaryFile,
        };
    }

    private string Errors() => string.Join('\n', engine.Errors.Select(e => $"{e.Code}: {e.Message}"));

    public void Dispose() => temp.Dispose();
}
