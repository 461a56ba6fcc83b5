using Ommx.Integration.Testing;
using Xunit;
using TestResult = Ommx.Integration.Testing.TestResult;
using Xunit.Sdk;
using Xunit.v3;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// Wraps the assembly's message bus. xunit queues <c>ITestStarting</c> from the test's own flow before the test class
/// is constructed, with <see cref="TestContext.Current"/> already naming the test: the Run opens (and is journalled)
/// there, so <see cref="OmmxRun.Current"/> works in the constructor and a crash in the test names it. The result
/// message closes the Run, with the output and the attachments of <c>ITestFinished</c>. Every message is passed on
/// unchanged whatever recording does.
/// </summary>
internal sealed class RecordingMessageBus : IMessageBus
{
    private readonly IMessageBus inner;
    private readonly SessionRecorder recorder;

    public RecordingMessageBus(IMessageBus inner, SessionRecorder recorder)
    {
        this.inner = inner;
        this.recorder = recorder;
    }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        try
        {
            Record(message);
        }
        catch (Exception e) when (!SessionRecorder.IsFatal(e))
        {
            recorder.Fault($"recording {message?.GetType().Name}", e);
        }

        return inner.QueueMessage(message!);
    }

    private void Record(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestStarting starting:
                recorder.Started(starting, TestContext.Current.Test is IXunitTest test && test.UniqueID == starting.TestUniqueID ? test : null);
                break;
            case ITestPassed passed:
                recorder.Ended(passed.TestUniqueID, new TestResult(TestOutcome.Passed, (double)passed.ExecutionTime, passed.Output ?? string.Empty));
                break;
            case ITestFailed failed:
                // A failed test is failed whatever it threw (cancellation and timeouts too), as dotnet test counts it;
                // interrupted is for a host that died or a run that was aborted.
                recorder.Ended(failed.TestUniqueID, new TestResult(TestOutcome.Failed, (double)failed.ExecutionTime, failed.Output ?? string.Empty)
                {
                    ExceptionType = failed.ExceptionTypes?.FirstOrDefault(),
                    ExceptionMessage = failed.Messages?.FirstOrDefault(),
                    StackTrace = failed.StackTraces is null ? null : string.Join("\n----- Inner Stack Trace -----\n", failed.StackTraces.Where(t => !string.IsNullOrEmpty(t))),
                });
                break;
            case ITestSkipped skipped:
                recorder.Ended(skipped.TestUniqueID, new TestResult(TestOutcome.Skipped, 0, skipped.Output ?? string.Empty) { SkipReason = skipped.Reason });
                break;
            case ITestNotRun notRun:
                // An explicit test in a run that does not include explicit tests: listed, never executed.
                recorder.Ended(notRun.TestUniqueID, new TestResult(TestOutcome.Skipped, 0, notRun.Output ?? string.Empty) { SkipReason = "not run (explicit test)" });
                break;
            case ITestFinished finished:
                recorder.Finished(finished.TestUniqueID, finished.Attachments);
                break;
        }
    }

    public void Dispose() => inner.Dispose();
}
