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
        EnsureThreadPoolHeadroom();
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

    /// <summary>
    /// xunit v2 delivers test messages on thread-pool threads that block while they wait on each other; the
    /// recording work in those callbacks (short, synchronous journal appends) made the pool starve and grow
    /// by hill-climbing (about one thread every half second), which showed up as whole seconds on large
    /// suites. A few more threads from the start remove the stall; the pool still grows as it would.
    /// </summary>
    private static void EnsureThreadPoolHeadroom()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = Math.Max(workers, Environment.ProcessorCount * 4);
        if (wanted > workers)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }

    public override void Dispose()
    {
        recorder?.Dispose();
        base.Dispose();
    }
}
