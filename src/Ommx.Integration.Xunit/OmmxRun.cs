using Ommx.Integration.Experiments;

namespace Ommx.Integration.Xunit;

/// <summary>
/// The Run of the test case executing on this async flow: <c>OmmxRun.Current.LogParameter("capacity", 47)</c>.
/// </summary>
public static class OmmxRun
{
    private static readonly AsyncLocal<Run?> CurrentRun = new();

    internal static bool FrameworkActive { get; set; }

    /// <summary>The current test's Run; throws with the reason when there is none.</summary>
    public static Run Current => CurrentRun.Value ?? throw new InvalidOperationException(FrameworkActive
        ? "OmmxRun.Current is only available inside a test case (its constructor, body or Dispose); class and collection fixtures run before any test starts. If recording could not start, xunit's diagnostic messages say why."
        : "OmmxRun.Current: the OMMX test framework is not active in this test assembly. Reference the Ommx.Integration.Xunit package (its build targets add [assembly: TestFramework(\"Ommx.Integration.Xunit.OmmxTestFramework\", \"Ommx.Integration.Xunit\")]) and check that OmmxEnabled is not false.");

    /// <summary>The current test's Run, or <c>null</c> outside a recorded test case.</summary>
    public static Run? TryGetCurrent() => CurrentRun.Value;

    internal static void Set(Run? run) => CurrentRun.Value = run;
}
