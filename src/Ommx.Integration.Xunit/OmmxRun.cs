using Ommx.Integration.Experiments;

namespace Ommx.Integration.Xunit;

/// <summary>
/// The Run of the test case executing on this async flow: <c>OmmxRun.Current.LogParameter("capacity", 47)</c>.
/// </summary>
public static class OmmxRun
{
    private static readonly AsyncLocal<Run?> CurrentRun = new();

    /// <summary>
    /// The current test's Run. Where nothing is recorded — <c>OmmxEnabled=false</c>, recording could not start
    /// (xunit's diagnostic messages say why), or code outside a test case such as a class or collection fixture —
    /// it is <see cref="Run.Discarding"/>, which accepts every call and stores nothing, so test code behaves the
    /// same with recording on or off.
    /// </summary>
    public static Run Current => CurrentRun.Value ?? Run.Discarding;

    /// <summary>True inside a test case whose Run is being recorded.</summary>
    public static bool IsRecording => CurrentRun.Value is not null;

    /// <summary>The current test's Run, or <c>null</c> outside a recorded test case.</summary>
    public static Run? TryGetCurrent() => CurrentRun.Value;

    internal static void Set(Run? run) => CurrentRun.Value = run;
}
