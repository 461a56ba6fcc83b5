using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Comparison;

/// <summary>
/// The regression gate after a test run: compares the Experiment (or checkpoint) a run just published with a
/// baseline Experiment, and lists the test cases that broke or regressed. The baseline is loaded with
/// <see cref="Experiment.Load(LocalRegistry, string, ExperimentLoadOptions?)"/>, so it is pulled when not local; a
/// baseline that cannot be loaded is reported in the result (never thrown), because a missing baseline must be
/// visible but is not a failure of the run itself.
/// </summary>
internal static class BaselineGate
{
    /// <summary>
    /// Compares <paramref name="headImageName"/> (a ref in <paramref name="registry"/>, never pulled) with
    /// <paramref name="baselineImageName"/>.
    /// </summary>
    /// <exception cref="OmmxException">The head cannot be read (the run's own result: a bug or damaged storage).</exception>
    public static BaselineGateResult Compare(LocalRegistry registry, string headImageName, string baselineImageName, ExperimentLoadOptions? baselineLoad = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(headImageName);
        ArgumentException.ThrowIfNullOrWhiteSpace(baselineImageName);
        Experiment baseline;
        try
        {
            baseline = Experiment.Load(registry, baselineImageName.Trim(), baselineLoad);
        }
        catch (Exception e) when (e is OmmxException || StorageErrors.IsStorageError(e))
        {
            return new BaselineGateResult(baselineImageName, null, BaselineProblem(e), []);
        }

        using (baseline)
        {
            using var head = Experiment.Load(registry, headImageName, new ExperimentLoadOptions { AllowPull = false });
            var report = ExperimentComparer.Compare(baseline, head);
            return new BaselineGateResult(baselineImageName, report, null, Regressions(report));
        }
    }

    /// <summary>Every case that broke or has a regressed metric, worst first (broke, then regressed), then by name.</summary>
    public static IReadOnlyList<CaseRegression> Regressions(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Cases
            .Where(c => c.Outcome == OutcomeChange.Broke || c.Regressed)
            .Select(c => new CaseRegression(
                c.DisplayName,
                c.Outcome == OutcomeChange.Broke,
                c.BaseOutcome,
                c.HeadOutcome,
                [.. c.Metrics.Where(m => m.Verdict == MetricVerdict.Regressed)]))
            .OrderBy(r => r.Broke ? 0 : 1)
            .ThenBy(r => r.Test, StringComparer.Ordinal)];
    }

    private static string BaselineProblem(Exception e) => e switch
    {
        ArtifactNotFoundException => e.Message,
        OmmxException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
