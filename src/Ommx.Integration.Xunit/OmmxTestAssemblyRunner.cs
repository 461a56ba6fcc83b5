using Ommx.Integration.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>Opens the test session when the assembly starts, wraps each collection's message bus, and finishes the session at the end.</summary>
internal sealed class OmmxTestAssemblyRunner : XunitTestAssemblyRunner
{
    private readonly Func<TestSessionSettings>? settings;
    private SessionRecorder? recorder;

    /// <summary>For a resumed run: the ids of the test cases that run (the others passed in the checkpoint and are carried).</summary>
    private HashSet<string>? resumed;

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
        if (recorder?.Resume is { } plan)
        {
            var ids = TestCases.Select(t => t.UniqueID).ToList();
            var running = plan.Remaining(ids).ToHashSet(StringComparer.Ordinal);
            var existing = ResumeDiscovery.AllTestCaseIds(TestAssembly.Assembly, DiagnosticMessageSink, recorder);
            existing?.UnionWith(ids);
            resumed = recorder.CarryOver(running, existing, ids.Count) ? running : null;
        }
    }

    /// <summary>
    /// Runs the collection's test cases; in a resumed run only those that did not pass in the checkpoint. The others are
    /// not run and not reported to the runner at all (no result, so <c>dotnet test</c> counts only what ran); their Runs
    /// are carried into the Experiment, and the <c>OMMX:</c> line says how many.
    /// </summary>
    protected override Task<RunSummary> RunTestCollectionAsync(IMessageBus messageBus, ITestCollection testCollection, IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource)
    {
        if (recorder is null)
        {
            return base.RunTestCollectionAsync(messageBus, testCollection, testCases, cancellationTokenSource);
        }

        var selected = resumed is null ? testCases.ToList() : testCases.Where(t => resumed.Contains(t.UniqueID)).ToList();
        return selected.Count == 0 && resumed is not null
            ? Task.FromResult(new RunSummary())
            : new OmmxTestCollectionRunner(recorder, testCollection, selected, DiagnosticMessageSink, new RecordingMessageBus(messageBus, recorder), TestCaseOrderer, new ExceptionAggregator(Aggregator), cancellationTokenSource).RunAsync();
    }

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
