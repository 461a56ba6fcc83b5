using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Reporting;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.MSBuild;

/// <summary><c>OmmxReport=true</c>: the run's Experiment (or checkpoint) as a report page next to the test results.</summary>
public sealed partial class OmmxFinishTestRun
{
    /// <summary>Write the report page after the commit or checkpoint (<c>OmmxReport</c>).</summary>
    public bool ReportEnabled { get; set; }

    /// <summary>Where the page goes (<c>OmmxReportFile</c>; the targets default it next to the test results).</summary>
    public string? ReportPath { get; set; }

    /// <summary>The report page written, when one was.</summary>
    [Microsoft.Build.Framework.Output]
    public string? ReportWritten { get; private set; }

    /// <summary>
    /// Runs after the result is stored, so nothing here can undo it or fail the run: every problem is a warning
    /// (<c>OMMX1070</c>) naming the command that writes the page later. With <see cref="SummaryFile"/> the compact
    /// Markdown form is appended there too (the comparison, when there is a baseline, is appended by the gate).
    /// </summary>
    private void WriteReport(LocalRegistry registry, TestRunOutcome outcome)
    {
        if (!ReportEnabled)
        {
            return;
        }

        var head = outcome.Kind == TestRunOutcomeKind.Committed ? outcome.ImageName : outcome.CheckpointName;
        if (head is null)
        {
            LogWarning(ErrorCodes.ReportNotWritten, $"OMMX: no report written: this run published nothing ({outcome.Reason ?? outcome.Kind.ToString()})");
            return;
        }

        if (string.IsNullOrWhiteSpace(ReportPath))
        {
            LogWarning(ErrorCodes.ReportNotWritten, $"OMMX: no report written: OmmxReportFile is empty; set it to a file path, or run `ommx report {head} -o report.html`");
            return;
        }

        try
        {
            using var experiment = Experiment.Load(registry, head, new ExperimentLoadOptions { AllowPull = false });
            using var baseline = LoadBaselineForReport(registry);
            var report = ExperimentReporter.Build(experiment, new ReportOptions { Baseline = baseline });
            ReportWritten = ReportFile.Write(ReportPath, ReportHtml.Render(report));
            Announce("OMMX: report: " + ReportWritten);
            if (!string.IsNullOrWhiteSpace(SummaryFile))
            {
                AppendSummary(ReportMarkdown.Format(report with { Comparison = null }));
            }
        }
        catch (Exception e)
        {
            LogWarning(ErrorCodes.ReportNotWritten, $"OMMX: could not write the report to {ReportPath} ({e.GetType().Name}: {e.Message}); the run's result is stored, write the page later with `ommx report {head} -o <file>`");
        }
    }

    /// <summary>The baseline to include in the report; null when there is none or it cannot be loaded (the gate already said so).</summary>
    private Experiment? LoadBaselineForReport(LocalRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(Baseline))
        {
            return null;
        }

        try
        {
            return Experiment.Load(registry, Baseline.Trim(), new ExperimentLoadOptions { Remote = new Distribution.RemoteOptions { Insecure = BaselineInsecure } });
        }
        catch (Exception e) when (e is OmmxException || StorageErrors.IsStorageError(e))
        {
            return null;
        }
    }
}
