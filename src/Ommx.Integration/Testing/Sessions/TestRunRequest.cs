using Ommx.Integration.Testing.Resume;

namespace Ommx.Integration.Testing.Sessions;

/// <summary>What the build knows when it opens a test session.</summary>
internal sealed record TestRunRequest
{
    /// <summary>An exact image name to commit; <c>null</c> for a fresh name per run.</summary>
    public string? ExperimentName { get; init; }

    /// <summary>Repository for fresh names; <c>null</c> for an anonymous OMMX experiment name.</summary>
    public string? ExperimentRepository { get; init; }

    public string? Project { get; init; }

    public string? TargetFramework { get; init; }

    /// <summary>Set when the project builds several target frameworks: an explicit tag then gets a <c>-&lt;tfm&gt;</c> suffix so each framework has its own Experiment.</summary>
    public bool MultiTargeted { get; init; }

    /// <summary>
    /// Whether an MSBuild <c>TargetFrameworks</c> value names more than one framework. Empty entries do not count, so
    /// <c>$(TargetFrameworks);net10.0</c> (which evaluates to <c>;net10.0</c>) is single-targeted.
    /// </summary>
    public static bool IsMultiTargeted(string? targetFrameworks) =>
        (targetFrameworks ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Count() > 1;

    /// <summary>The git commit being tested, when known; its first 7 characters end a fresh tag.</summary>
    public string? GitCommit { get; init; }

    /// <summary>What the run tests; stored with the session and the Experiment, compared when a later run resumes this one.</summary>
    public TestRunFingerprint? Fingerprint { get; init; }

    /// <summary>Resume a failed or interrupted checkpoint (<c>OmmxResume</c>): run only what did not pass there.</summary>
    public bool Resume { get; init; }

    /// <summary>The checkpoint to resume (<c>OmmxResumeFrom</c>); <c>null</c> for the newest resumable one of this run's repository and project.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Resume even though the fingerprint changed (<c>OmmxResumeForce</c>).</summary>
    public bool ResumeForce { get; init; }

    /// <summary><c>OmmxRetryFailed</c>: re-run a failed test case up to this many times in the same run.</summary>
    public int RetryFailed { get; init; }
}
