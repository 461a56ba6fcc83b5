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
}
