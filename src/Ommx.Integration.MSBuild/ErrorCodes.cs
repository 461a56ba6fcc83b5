namespace Ommx.Integration.MSBuild;

/// <summary>The <c>OMMX</c> codes of the errors and warnings the tasks report (documented in docs/recording.md).</summary>
internal static class ErrorCodes
{
    /// <summary>Opening the test session failed (registry unreadable, bad name).</summary>
    public const string BeginFailed = "OMMX1001";

    /// <summary>The explicit experiment name is taken.</summary>
    public const string NameTaken = "OMMX1002";

    /// <summary>The registry root cannot travel through run settings (contains <c>;</c>).</summary>
    public const string UnusableRoot = "OMMX1003";

    /// <summary>A stale session was turned into an interrupted checkpoint (warning).</summary>
    public const string StaleSession = "OMMX1004";

    /// <summary>An <c>OmmxAnnotation</c> key is reserved (<c>org.ommx.*</c>) (xunit package targets).</summary>
    public const string InvalidAnnotation = "OMMX1005";

    /// <summary>An Ommx switch (<c>OmmxEnabled</c>, <c>OmmxCommitAfterTest</c>) is neither true nor false (xunit package targets).</summary>
    public const string InvalidSwitch = "OMMX1006";

    /// <summary>The commit step could not store the result; the journal stays for a retry.</summary>
    public const string FinishFailed = "OMMX1010";

    /// <summary>The test host recorded nothing although tests were expected (warning).</summary>
    public const string NothingRecorded = "OMMX1011";

    /// <summary>Tests failed: a failed checkpoint was published instead of a commit (warning).</summary>
    public const string FailedCheckpoint = "OMMX1020";

    /// <summary>The test host crashed: an interrupted checkpoint was published (warning).</summary>
    public const string InterruptedCheckpoint = "OMMX1021";

    /// <summary>The test host reported recording errors (warning).</summary>
    public const string RecordingErrors = "OMMX1012";

    /// <summary>OmmxPushAfterCommit could not push the committed Experiment.</summary>
    public const string PushFailed = "OMMX1030";

    /// <summary>Two versions of the MSBuild step are referenced (the xunit package's copy and another version of this package) (package targets).</summary>
    public const string VersionSkew = "OMMX1050";

    /// <summary>An <c>OmmxMetric</c> item's Goal is neither maximize nor minimize (xunit package targets).</summary>
    public const string InvalidMetric = "OMMX1060";

    /// <summary>OmmxBaseline: a test case broke or a declared metric regressed against the baseline (warning).</summary>
    public const string Regression = "OMMX1061";

    /// <summary>OmmxBaseline with OmmxFailOnRegression=true: a test case broke or a metric regressed (error; dotnet test fails).</summary>
    public const string RegressionFailed = "OMMX1062";

    /// <summary>OmmxBaseline names an Experiment that cannot be loaded (not found, unreachable): warning, an error with OmmxFailOnRegression=true.</summary>
    public const string BaselineUnavailable = "OMMX1063";

    /// <summary>OmmxBaseline: the comparison itself could not be made (nothing published, or it failed); warning, the run's result stays stored.</summary>
    public const string BaselineNotCompared = "OMMX1064";

    /// <summary>OmmxFailOnRegression is neither true nor false (xunit package targets, build error).</summary>
    public const string InvalidGateSwitch = "OMMX1065";

    /// <summary>OmmxSummaryFile could not be written (warning).</summary>
    public const string SummaryNotWritten = "OMMX1066";

    /// <summary>OmmxReport=true: the report page could not be written (nothing published, unwritable path, …); warning, the run's result stays stored.</summary>
    public const string ReportNotWritten = "OMMX1070";

    /// <summary>OmmxResumeFrom names no failed or interrupted checkpoint, or a resume switch is neither true nor false (error).</summary>
    public const string ResumeUnavailable = "OMMX1080";

    /// <summary>OmmxResume: what the checkpoint tested changed (test assembly, git revision, declared inputs) and OmmxResumeForce is off (error).</summary>
    public const string ResumeRefused = "OMMX1081";

    /// <summary>OmmxResumeForce resumed a checkpoint although its fingerprint changed; the changes are recorded (warning).</summary>
    public const string ResumeForced = "OMMX1082";

    /// <summary>OmmxRetryFailed is not a whole number from 0 to 100 (error).</summary>
    public const string InvalidRetry = "OMMX1083";

    /// <summary>The xunit v2 package is referenced from an xunit v3 project (xunit package targets, build error naming Ommx.Integration.XunitV3).</summary>
    public const string XunitV2PackageInV3Project = "OMMX1090";

    /// <summary>The xunit v3 package is referenced from an xunit v2 project (xunit v3 package targets, build error naming Ommx.Integration.Xunit).</summary>
    public const string XunitV3PackageInV2Project = "OMMX1091";

    public const string GcFailed = "OMMX2001";

    public const string PruneFailed = "OMMX2002";

    public const string ListFailed = "OMMX2003";

    /// <summary>GC deletes nothing: a ref's manifest is missing or fails its hash check, so what it needs is unknown (OmmxGc error).</summary>
    public const string GcHeld = "OMMX2004";

    /// <summary>GC found a referenced blob missing or a manifest it cannot read (warning; <c>ommx doctor</c> says more).</summary>
    public const string RegistryDamaged = "OMMX2005";

    /// <summary>GC stepped around a problem: a bad ref row or blob file, an expired writer lease, a writer it could not recover (warning).</summary>
    public const string GcSteppedAround = "OMMX2006";

    /// <summary>OmmxListExperiments repaired or skipped a ref it could not list (warning).</summary>
    public const string ListingSkipped = "OMMX2007";

    /// <summary>A task met an exception nothing here foresaw; the message names its type (a bug: please report it).</summary>
    public const string Unexpected = "OMMX9002";
}
