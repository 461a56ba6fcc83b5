using System.Globalization;
using Ommx.Integration.Testing;

namespace Ommx.Integration.TestWorker;

/// <summary>
/// A test host that dies mid-run: records <c>tests</c> passing tests into the build's session, starts one more
/// (<c>Crasher</c>), prints <c>holding</c> and waits to be killed — never reporting the end of the assembly.
/// </summary>
internal static class TestHostHold
{
    public static int Run(string root, string sessionId, int tests)
    {
        using var host = TestSession.Start(new TestSessionSettings { RegistryRoot = root, SessionId = sessionId });
        for (var t = 0; t < tests; t++)
        {
            var name = "Test" + t.ToString(CultureInfo.InvariantCulture);
            var run = host.StartTest(new TestCaseInfo(name, name, "C", name));
            host.FinishTest(run, new TestResult(TestOutcome.Passed, 0.01, "output of " + name));
        }

        host.StartTest(new TestCaseInfo("Crasher", "Crasher", "C", "Crasher"));
        Console.Out.WriteLine("holding");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
