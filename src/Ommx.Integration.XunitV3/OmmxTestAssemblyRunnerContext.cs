using Xunit.Sdk;
using Xunit.v3;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// xunit's assembly runner context with the message bus wrapped by <see cref="RecordingMessageBus"/>. Every runner of
/// the assembly (collections, classes, methods, test cases, tests) queues its messages on this bus from the test's own
/// flow, before xunit hands them to its reporting thread. A per-test-case decision taken before the assembly runs
/// (which test cases to run at all) belongs here too: <see cref="TestAssemblyRunnerContext{TTestAssembly, TTestCase}.TestCases"/>
/// is settable by a context.
/// </summary>
internal sealed class OmmxTestAssemblyRunnerContext : XunitTestAssemblyRunnerContext
{
    private readonly SessionRecorder recorder;

    public OmmxTestAssemblyRunnerContext(SessionRecorder recorder, IXunitTestAssembly testAssembly, IReadOnlyCollection<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions, CancellationToken cancellationToken)
        : base(testAssembly, testCases, executionMessageSink, executionOptions, cancellationToken)
    {
        this.recorder = recorder;
    }

    protected override IMessageBus CreateMessageBus() => new RecordingMessageBus(base.CreateMessageBus(), recorder);
}
