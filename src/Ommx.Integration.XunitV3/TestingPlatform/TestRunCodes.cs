namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// The <c>OMMX</c> codes the test host controller reports: the MSBuild step's codes for the same events
/// (src/Ommx.Integration.MSBuild/ErrorCodes.cs, documented in docs/recording.md).
/// </summary>
internal static class TestRunCodes
{
    public const string BeginFailed = "OMMX1001";

    public const string NameTaken = "OMMX1002";

    public const string StaleSession = "OMMX1004";

    public const string FinishFailed = "OMMX1010";

    public const string NothingRecorded = "OMMX1011";

    public const string RecordingErrors = "OMMX1012";

    public const string FailedCheckpoint = "OMMX1020";

    public const string PushFailed = "OMMX1030";

    public const string Regression = "OMMX1061";

    public const string RegressionFailed = "OMMX1062";

    public const string BaselineUnavailable = "OMMX1063";

    public const string BaselineNotCompared = "OMMX1064";

    public const string SummaryNotWritten = "OMMX1066";

    public const string ReportNotWritten = "OMMX1070";

    public const string ResumeUnavailable = "OMMX1080";

    public const string ResumeRefused = "OMMX1081";

    public const string ResumeForced = "OMMX1082";

    public const string InterruptedCheckpoint = "OMMX1021";
}
