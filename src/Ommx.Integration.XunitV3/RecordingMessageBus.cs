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
/// message closes the Run (with the output, and the attachments the test added to its <see cref="TestContext"/>)
/// before it is passed on, so the host never reports a result whose Run is not in the journal. Every message is
/// passed on unchanged whatever recording does.
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
                recorder.Finished(passed.TestUniqueID, Attachments(passed.TestUniqueID), new TestResult(TestOutcome.Passed, (double)passed.ExecutionTime, passed.Output ?? string.Empty));
                break;
            case ITestFailed failed:
                // A failed test is failed whatever it threw (cancellation and timeouts too), as dotnet test counts it;
                // interrupted is for a host that died or a run that was aborted.
                recorder.Finished(failed.TestUniqueID, Attachments(failed.TestUniqueID), new TestResult(TestOutcome.Failed, (double)failed.ExecutionTime, failed.Output ?? string.Empty)
                {
                    ExceptionType = failed.ExceptionTypes?.FirstOrDefault(),
                    ExceptionMessage = failed.Messages?.FirstOrDefault(),
                    StackTrace = failed.StackTraces is null ? null : string.Join("\n----- Inner Stack Trace -----\n", failed.StackTraces.Where(t => !string.IsNullOrEmpty(t))),
                });
                break;
            case ITestSkipped skipped:
                recorder.Finished(skipped.TestUniqueID, Attachments(skipped.TestUniqueID), new TestResult(TestOutcome.Skipped, 0, skipped.Output ?? string.Empty) { SkipReason = skipped.Reason });
                break;
            case ITestNotRun notRun:
                // An explicit test in a run that does not include explicit tests: listed, never executed.
                recorder.Finished(notRun.TestUniqueID, null, new TestResult(TestOutcome.Skipped, 0, notRun.Output ?? string.Empty) { SkipReason = "not run (explicit test)" });
                break;
        }
    }

    /// <summary>The attachments of the test whose result this is: its context is still the current one on this flow.</summary>
    private static IReadOnlyDictionary<string, TestAttachment>? Attachments(string testUniqueId) =>
        TestContext.Current is { Test: { } test } context && test.UniqueID == testUniqueId ? context.Attachments : null;

    public void Dispose() => inner.Dispose();
}
