using Ommx.Integration.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>Opens the test session when the assembly starts, wraps each collection's message bus, and finishes the session at the end.</summary>
internal sealed class OmmxTestAssemblyRunner : XunitTestAssemblyRunner
{
    private readonly Func<TestSessionSettings>? settings;
    private SessionRecorder? recorder;

    public OmmxTestAssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : this(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions, null)
    {
    }

    /// <summary>With the session settings given (<c>null</c> reads them from the test assembly, <see cref="HostSettings"/>).</summary>
    internal OmmxTestAssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions,
        Func<TestSessionSettings>? settings)
        : base(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        this.settings = settings;
    }

    protected override async Task AfterTestAssemblyStartingAsync()
    {
        await base.AfterTestAssemblyStartingAsync().ConfigureAwait(false);
        recorder = SessionRecorder.Start(settings ?? (() => HostSettings.Read(TestAssembly, TestCases, DiagnosticMessageSink)), DiagnosticMessageSink);
    }

    protected override Task<RunSummary> RunTestCollectionAsync(IMessageBus messageBus, ITestCollection testCollection, IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource) =>
        recorder is null
            ? base.RunTestCollectionAsync(messageBus, testCollection, testCases, cancellationTokenSource)
            : new OmmxTestCollectionRunner(recorder, testCollection, testCases, DiagnosticMessageSink, new RecordingMessageBus(messageBus, recorder), TestCaseOrderer, new ExceptionAggregator(Aggregator), cancellationTokenSource).RunAsync();

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
