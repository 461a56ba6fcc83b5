using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>
/// xunit's method runner, except that a theory xunit did not pre-enumerate (<see cref="XunitTheoryTestCase"/>)
/// runs through <see cref="OmmxTheoryTestCaseRunner"/>, which sees each row's arguments. Any other test case
/// runs itself as it would without us.
/// </summary>
internal sealed class OmmxTestMethodRunner : XunitTestMethodRunner
{
    private readonly SessionRecorder recorder;
    private readonly IMessageSink diagnosticMessageSink;
    private readonly object[] constructorArguments;

    public OmmxTestMethodRunner(SessionRecorder recorder, ITestMethod testMethod, IReflectionTypeInfo @class, IReflectionMethodInfo method, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageBus messageBus, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource, object[] constructorArguments)
        : base(testMethod, @class, method, testCases, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource, constructorArguments)
    {
        this.recorder = recorder;
        this.diagnosticMessageSink = diagnosticMessageSink;
        this.constructorArguments = constructorArguments;
    }

    /// <summary>
    /// Runs the test case; with <c>OmmxRetryFailed=N</c> a failed one runs again, up to N more times. Every attempt is
    /// recorded (a Run with <c>test.attempt</c>); only the last attempt's messages reach the runner, so
    /// <c>dotnet test</c> counts the test case once, as its last attempt ended.
    /// </summary>
    protected override async Task<RunSummary> RunTestCaseAsync(IXunitTestCase testCase)
    {
        var attempts = recorder.RetryFailed + 1;
        if (attempts <= 1 || MessageBus is not RecordingMessageBus recording)
        {
            return await RunAttemptAsync(testCase, MessageBus, 1, final: true).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (attempt == attempts)
            {
                return await RunAttemptAsync(testCase, MessageBus, attempt, final: true).ConfigureAwait(false);
            }

            var held = new AttemptMessageBus(recording);
            var summary = await RunAttemptAsync(testCase, held, attempt, final: false).ConfigureAwait(false);
            if (summary.Failed == 0 || CancellationTokenSource.IsCancellationRequested)
            {
                held.Release();
                return summary;
            }

            held.Drop();
        }
    }

    // Exactly what XunitTheoryTestCase.RunAsync does, with the runner that reports each row's arguments.
    private Task<RunSummary> RunAttemptAsync(IXunitTestCase testCase, IMessageBus bus, int attempt, bool final)
    {
        recorder.BeginAttempt(testCase, attempt, final);
        return testCase.GetType() == typeof(XunitTheoryTestCase)
            ? new OmmxTheoryTestCaseRunner(recorder, testCase, testCase.DisplayName, testCase.SkipReason, constructorArguments, diagnosticMessageSink, bus, new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync()
            : testCase.RunAsync(diagnosticMessageSink, bus, constructorArguments, new ExceptionAggregator(Aggregator), CancellationTokenSource);
    }
}
