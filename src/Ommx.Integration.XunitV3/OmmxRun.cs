using Ommx.Integration.Experiments;
using Xunit;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// The Run of the test case executing on this async flow: <c>OmmxRun.Current.LogParameter("capacity", 47)</c>.
/// The test is found through xunit's <see cref="TestContext.Current"/>, so the Run is visible to the test class's
/// constructor, the test body and <c>Dispose</c>, and to code those call on other tasks.
/// </summary>
public static class OmmxRun
{
    /// <summary>
    /// The current test's Run. Where nothing is recorded — <c>OmmxEnabled=false</c>, recording could not start
    /// (xunit's diagnostic messages say why), or code outside a test case such as a class or collection fixture —
    /// it is <see cref="Run.Discarding"/>, which accepts every call and stores nothing, so test code behaves the
    /// same with recording on or off.
    /// </summary>
    public static Run Current => TryGetCurrent() ?? Run.Discarding;

    /// <summary>True inside a test case whose Run is being recorded.</summary>
    public static bool IsRecording => TryGetCurrent() is not null;

    /// <summary>The current test's Run, or <c>null</c> outside a recorded test case.</summary>
    public static Run? TryGetCurrent() =>
        SessionRecorder.Active is { } recorder && TestContext.Current.Test is { } test ? recorder.RunOf(test.UniqueID) : null;
}
