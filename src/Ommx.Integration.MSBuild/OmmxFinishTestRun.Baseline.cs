using System.Text;
using Ommx.Integration.Comparison;
using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.MSBuild;

/// <summary>The regression gate: with <see cref="Baseline"/> set, the run's result is compared with it.</summary>
public sealed partial class OmmxFinishTestRun
{
    /// <summary>
    /// The baseline Experiment (<c>OmmxBaseline</c> / <c>OMMX_BASELINE</c>), pulled when not local. Empty: no
    /// comparison, nothing changes.
    /// </summary>
    public string? Baseline { get; set; }

    /// <summary>Plain HTTP when the baseline is pulled from a registry that is not on loopback (<c>OmmxBaselineInsecure</c>).</summary>
    public bool BaselineInsecure { get; set; }

    /// <summary>Broken or regressed cases (and a baseline that cannot be loaded) are errors, so <c>dotnet test</c> fails.</summary>
    public bool FailOnRegression { get; set; }

    /// <summary>A file the Markdown comparison is appended to (for example <c>$GITHUB_STEP_SUMMARY</c>).</summary>
    public string? SummaryFile { get; set; }

    /// <summary>
    /// Runs after the commit or checkpoint is stored, so nothing here can undo it: every problem of the
    /// comparison itself ends as a warning (<c>OMMX1064</c>); only broken or regressed cases and, with
    /// <see cref="FailOnRegression"/>, a missing baseline are errors.
    /// </summary>
    private void CompareWithBaseline(LocalRegistry registry, TestRunOutcome outcome)
    {
        if (string.IsNullOrWhiteSpace(Baseline))
        {
            return;
        }

        var baseline = Baseline.Trim();
        var head = outcome.Kind == TestRunOutcomeKind.Committed ? outcome.ImageName : outcome.CheckpointName;
        if (head is null)
        {
            LogWarning(ErrorCodes.BaselineNotCompared, $"OMMX: not compared with baseline {baseline}: this run published nothing ({outcome.Reason ?? outcome.Kind.ToString()})");
            return;
        }

        BaselineGateResult result;
        try
        {
            var load = new ExperimentLoadOptions { Remote = new RemoteOptions { Insecure = BaselineInsecure } };
            result = BaselineGate.Compare(registry, head, baseline, load);
        }
        catch (Exception e)
        {
            LogWarning(ErrorCodes.BaselineNotCompared, $"OMMX: comparing {head} with baseline {baseline} failed ({e.GetType().Name}: {e.Message}); the run's result is stored, compare it later with `ommx diff {baseline} {head}`");
            return;
        }

        if (result.Report is not { } report)
        {
            var why = $"OMMX: baseline {baseline} could not be loaded, nothing was compared: {result.BaselineProblem}";
            if (FailOnRegression)
            {
                LogError(ErrorCodes.BaselineUnavailable, why + ". OmmxFailOnRegression=true requires a baseline: check the name (ommx ls, or the registry's tags) and the credentials, or drop OmmxFailOnRegression for the run that records the first baseline.");
            }
            else
            {
                LogWarning(ErrorCodes.BaselineUnavailable, why);
            }

            AppendSummary($"### OMMX diff: baseline `{baseline}` not available\n\n{result.BaselineProblem}\n\n");
            return;
        }

        Announce($"OMMX: against baseline {baseline}: {ComparisonText.SummaryLine(report.Summary)}");
        foreach (var regression in result.Regressions)
        {
            var line = "OMMX: " + (regression.Broke ? "broke against baseline: " : "regressed against baseline: ") + regression.Describe();
            if (FailOnRegression)
            {
                LogError(ErrorCodes.RegressionFailed, line);
            }
            else
            {
                LogWarning(ErrorCodes.Regression, line);
            }
        }

        AppendSummary(ComparisonMarkdown.Format(report));
    }

    private void AppendSummary(string markdown)
    {
        if (string.IsNullOrWhiteSpace(SummaryFile))
        {
            return;
        }

        try
        {
            var path = Path.GetFullPath(SummaryFile);
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
            LogWarning(ErrorCodes.SummaryNotWritten, $"OMMX: could not write the comparison summary to {SummaryFile}: {e.Message}");
        }
    }
}
