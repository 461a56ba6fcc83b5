using System.Text;
using Ommx.Integration.Comparison;
using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Reporting;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.FollowUp;

/// <summary>
/// What follows a finished test run, after its commit or checkpoint is stored (so nothing here can undo it): the
/// regression gate against a baseline, the Markdown summary file, the report page and the push. The MSBuild step
/// (<c>OmmxFinishTestRun</c>) and the xunit v3 test host controller both call it and only translate its lines into
/// their <c>OMMX</c> diagnostics. Every problem of the follow-up itself is a warning; only broken or regressed cases and a
/// missing baseline under <see cref="TestRunFollowUpSettings.FailOnRegression"/>, and a failed push, fail the run.
/// </summary>
internal static class TestRunFollowUp
{
    public static TestRunFollowUpReport Run(LocalRegistry registry, TestRunOutcome outcome, TestRunFollowUpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(settings);
        var lines = new List<TestRunFollowUpLine>();
        CompareWithBaseline(registry, outcome, settings, lines);
        var written = WriteReport(registry, outcome, settings, lines);
        if (settings.PushAfterCommit && outcome.Kind == TestRunOutcomeKind.Committed)
        {
            var pushed = PushAfterCommit.Run(outcome.ImageName, registry.Root, settings.PushInsecure);
            lines.Add(pushed.Succeeded
                ? new TestRunFollowUpLine(TestRunFollowUpEvent.Information, "OMMX: " + pushed.Message)
                : new TestRunFollowUpLine(TestRunFollowUpEvent.PushFailed, pushed.Message + " The Experiment stays committed locally; push it later with `ommx push`.", IsError: true));
        }

        return new TestRunFollowUpReport(lines, written);
    }

    /// <summary>The ref the run published: the committed name, or the checkpoint; null when it published nothing.</summary>
    private static string? Head(TestRunOutcome outcome) =>
        outcome.Kind == TestRunOutcomeKind.Committed ? outcome.ImageName : outcome.CheckpointName;

    private static void CompareWithBaseline(LocalRegistry registry, TestRunOutcome outcome, TestRunFollowUpSettings settings, List<TestRunFollowUpLine> lines)
    {
        if (string.IsNullOrWhiteSpace(settings.Baseline))
        {
            return;
        }

        var baseline = settings.Baseline.Trim();
        if (Head(outcome) is not { } head)
        {
            lines.Add(new(TestRunFollowUpEvent.BaselineNotCompared, $"OMMX: not compared with baseline {baseline}: this run published nothing ({outcome.Reason ?? outcome.Kind.ToString()})"));
            return;
        }

        BaselineGateResult result;
        try
        {
            var load = new ExperimentLoadOptions { Remote = new RemoteOptions { Insecure = settings.BaselineInsecure } };
            result = BaselineGate.Compare(registry, head, baseline, load);
        }
        catch (Exception e)
        {
            lines.Add(new(TestRunFollowUpEvent.BaselineNotCompared, $"OMMX: comparing {head} with baseline {baseline} failed ({e.GetType().Name}: {e.Message}); the run's result is stored, compare it later with `ommx diff {baseline} {head}`"));
            return;
        }

        if (result.Report is not { } report)
        {
            var why = $"OMMX: baseline {baseline} could not be loaded, nothing was compared: {result.BaselineProblem}";
            lines.Add(settings.FailOnRegression
                ? new(TestRunFollowUpEvent.BaselineUnavailable, why + ". OmmxFailOnRegression=true requires a baseline: check the name (ommx ls, or the registry's tags) and the credentials, or drop OmmxFailOnRegression for the run that records the first baseline.", IsError: true)
                : new(TestRunFollowUpEvent.BaselineUnavailable, why));
            AppendSummary(settings.SummaryFile, $"### OMMX diff: baseline `{baseline}` not available\n\n{result.BaselineProblem}\n\n", lines);
            return;
        }

        lines.Add(new(TestRunFollowUpEvent.Information, $"OMMX: against baseline {baseline}: {ComparisonText.SummaryLine(report.Summary)}"));
        foreach (var regression in result.Regressions)
        {
            var line = "OMMX: " + (regression.Broke ? "broke against baseline: " : "regressed against baseline: ") + regression.Describe();
            lines.Add(new(TestRunFollowUpEvent.Regression, line, IsError: settings.FailOnRegression));
        }

        AppendSummary(settings.SummaryFile, ComparisonMarkdown.Format(report), lines);
    }

    /// <summary>The report page, and its compact Markdown form in the summary file (the comparison is appended by the gate).</summary>
    private static string? WriteReport(LocalRegistry registry, TestRunOutcome outcome, TestRunFollowUpSettings settings, List<TestRunFollowUpLine> lines)
    {
        if (!settings.Report)
        {
            return null;
        }

        if (Head(outcome) is not { } head)
        {
            lines.Add(new(TestRunFollowUpEvent.ReportNotWritten, $"OMMX: no report written: this run published nothing ({outcome.Reason ?? outcome.Kind.ToString()})"));
            return null;
        }

        if (string.IsNullOrWhiteSpace(settings.ReportFile))
        {
            lines.Add(new(TestRunFollowUpEvent.ReportNotWritten, $"OMMX: no report written: OmmxReportFile is empty; set it to a file path, or run `ommx report {head} -o report.html`"));
            return null;
        }

        try
        {
            using var experiment = Experiment.Load(registry, head, new ExperimentLoadOptions { AllowPull = false });
            using var baseline = LoadBaselineForReport(registry, settings);
            var report = ExperimentReporter.Build(experiment, new ReportOptions { Baseline = baseline });
            var written = ReportFile.Write(settings.ReportFile, ReportHtml.Render(report));
            lines.Add(new(TestRunFollowUpEvent.Information, "OMMX: report: " + written));
            AppendSummary(settings.SummaryFile, ReportMarkdown.Format(report with { Comparison = null }), lines);
            return written;
        }
        catch (Exception e)
        {
            lines.Add(new(TestRunFollowUpEvent.ReportNotWritten, $"OMMX: could not write the report to {settings.ReportFile} ({e.GetType().Name}: {e.Message}); the run's result is stored, write the page later with `ommx report {head} -o <file>`"));
            return null;
        }
    }

    /// <summary>The baseline to include in the report; null when there is none or it cannot be loaded (the gate already said so).</summary>
    private static Experiment? LoadBaselineForReport(LocalRegistry registry, TestRunFollowUpSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Baseline))
        {
            return null;
        }

        try
        {
            return Experiment.Load(registry, settings.Baseline.Trim(), new ExperimentLoadOptions { Remote = new RemoteOptions { Insecure = settings.BaselineInsecure } });
        }
        catch (Exception e) when (e is OmmxException || StorageErrors.IsStorageError(e))
        {
            return null;
        }
    }

    private static void AppendSummary(string? summaryFile, string markdown, List<TestRunFollowUpLine> lines)
    {
        if (string.IsNullOrWhiteSpace(summaryFile))
        {
            return;
        }

        try
        {
            var path = Path.GetFullPath(summaryFile);
            if (Path.GetDirectoryName(path) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            // Appended, as CI job-summary files ($GITHUB_STEP_SUMMARY) expect; a blank line keeps earlier content apart.
            var separator = File.Exists(path) && new FileInfo(path).Length > 0 ? "\n" : string.Empty;
            File.AppendAllText(path, separator + markdown, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (StorageErrors.IsFileError(e) || e is ArgumentException or NotSupportedException)
        {
            lines.Add(new(TestRunFollowUpEvent.SummaryNotWritten, $"OMMX: could not write the comparison summary to {summaryFile}: {e.Message}"));
        }
    }
}
