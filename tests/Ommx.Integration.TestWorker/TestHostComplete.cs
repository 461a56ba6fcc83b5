using System.Globalization;
using Ommx.Integration.Testing;

namespace Ommx.Integration.TestWorker;

/// <summary>
/// A test host that reaches the end of its assembly and is killed around it: records <c>tests</c> passing tests with
/// output into the build's session, prints <c>completing</c>, runs the host's end (which prepares the artifact for the
/// build step and writes the host report), prints <c>completed</c> and waits to be killed (it never disposes).
/// </summary>
internal static class TestHostComplete
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

        Console.Out.WriteLine("completing");
        Console.Out.Flush();
        host.Complete();
        Console.Out.WriteLine("completed");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
