using Ommx.Integration.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>Opens the test session when the assembly starts, wraps each collection's message bus, and finishes the session at the end.</summary>
internal sealed class OmmxTestAssemblyRunner : XunitTestAssemblyRunner
{
    private SessionRecorder? recorder;

    public OmmxTestAssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : base(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
    }

    protected override async Task AfterTestAssemblyStartingAsync()
    {
        await base.AfterTestAssemblyStartingAsync().ConfigureAwait(false);
        recorder = SessionRecorder.Start(HostSettings.Read(TestAssembly), DiagnosticMessageSink);
    }

    protected override Task<RunSummary> RunTestCollectionAsync(IMessageBus messageBus, ITestCollection testCollection, IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource) =>
        base.RunTestCollectionAsync(recorder is null ? messageBus : new RecordingMessageBus(messageBus, recorder), testCollection, testCases, cancellationTokenSource);

    protected override async Task BeforeTestAssemblyFinishedAsync()
    {
        recorder?.Complete();
        await base.BeforeTestAssemblyFinishedAsync().ConfigureAwait(false);
    }

    public override void Dispose()
    {
        recorder?.Dispose();
        base.Dispose();
    }
}
