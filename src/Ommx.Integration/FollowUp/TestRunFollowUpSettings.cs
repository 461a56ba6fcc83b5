namespace Ommx.Integration.FollowUp;

/// <summary>
/// What a finished test run does after its commit or checkpoint is stored: the same MSBuild properties
/// (<c>OmmxBaseline</c>, <c>OmmxBaselineInsecure</c>, <c>OmmxFailOnRegression</c>, <c>OmmxSummaryFile</c>,
/// <c>OmmxReport</c>, <c>OmmxReportFile</c>, <c>OmmxPushAfterCommit</c>, <c>OmmxPushInsecure</c>), whichever shell read them.
/// </summary>
internal sealed record TestRunFollowUpSettings
{
    /// <summary>The baseline Experiment, pulled when not local; empty: no comparison.</summary>
    public string? Baseline { get; init; }

    /// <summary>Plain HTTP when the baseline is pulled from a registry that is not on loopback.</summary>
    public bool BaselineInsecure { get; init; }

    /// <summary>Broken or regressed cases, and a baseline that cannot be loaded, are errors: the run fails.</summary>
    public bool FailOnRegression { get; init; }

    /// <summary>A file the Markdown comparison (and the report's compact form) is appended to, e.g. <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    public string? SummaryFile { get; init; }

    /// <summary>Write the report page of the run's Experiment or checkpoint.</summary>
    public bool Report { get; init; }

    /// <summary>Where the report page goes.</summary>
    public string? ReportFile { get; init; }

    /// <summary>Push a committed Experiment to its registry.</summary>
    public bool PushAfterCommit { get; init; }

    /// <summary>Plain HTTP for the push to a registry that is not on loopback.</summary>
    public bool PushInsecure { get; init; }

    /// <summary>Whether anything is asked for at all.</summary>
    public bool Any => !string.IsNullOrWhiteSpace(Baseline) || Report || PushAfterCommit;
}
