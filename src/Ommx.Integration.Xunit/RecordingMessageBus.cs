using Ommx.Integration.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>
/// Wraps a test collection's message bus: <c>ITestStarting</c> is queued on the test's own async flow before
/// the class is constructed, so opening the Run there and setting <see cref="OmmxRun.Current"/> makes the Run
/// visible to the constructor, the test body and <c>Dispose</c>. Result messages close it. Every message is
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
        Record(message);
        return Forward(message);
    }

    /// <summary>Passes a message on to xunit's bus (the runner, and through it VSTest) unchanged.</summary>
    public bool Forward(IMessageSinkMessage message) => inner.QueueMessage(message);

    /// <summary>Records what a message says; a recording problem is reported, never thrown.</summary>
    public void Record(IMessageSinkMessage message)
    {
        try
        {
            RecordMessage(message);
        }
        catch (Exception e) when (!SessionRecorder.IsFatal(e))
        {
            recorder.Fault($"recording {message.GetType().Name}", e);
        }
    }

    private void RecordMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestStarting starting:
                OmmxRun.Set(recorder.Started(starting.Test));
                break;
            case ITestPassed passed:
                recorder.Finished(passed.Test, new TestResult(TestOutcome.Passed, (double)passed.ExecutionTime, passed.Output ?? string.Empty));
                break;
            case ITestFailed failed:
                // A failed test is failed whatever it threw (cancellation and timeouts too), as dotnet test and TRX
                // count it; interrupted is for a host that died or a run that was aborted.
                recorder.Finished(failed.Test, new TestResult(TestOutcome.Failed, (double)failed.ExecutionTime, failed.Output ?? string.Empty)
                {
                    ExceptionType = failed.ExceptionTypes?.FirstOrDefault(),
                    ExceptionMessage = failed.Messages?.FirstOrDefault(),
                    StackTrace = failed.StackTraces is null ? null : string.Join("\n----- Inner Stack Trace -----\n", failed.StackTraces.Where(t => !string.IsNullOrEmpty(t))),
                });
                break;
            case ITestSkipped skipped:
                recorder.Finished(skipped.Test, new TestResult(TestOutcome.Skipped, 0, skipped.Output ?? string.Empty) { SkipReason = skipped.Reason });
                break;
            case ITestFinished:
                OmmxRun.Set(null);
                break;
        }
    }

    public void Dispose()
    {
        // The inner bus belongs to xunit's runner; it disposes it.
    }
}
