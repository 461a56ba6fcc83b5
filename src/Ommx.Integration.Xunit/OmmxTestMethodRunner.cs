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

    // Exactly what XunitTheoryTestCase.RunAsync does, with the runner that reports each row's arguments.
    protected override Task<RunSummary> RunTestCaseAsync(IXunitTestCase testCase) =>
        testCase.GetType() == typeof(XunitTheoryTestCase)
            ? new OmmxTheoryTestCaseRunner(recorder, testCase, testCase.DisplayName, testCase.SkipReason, constructorArguments, diagnosticMessageSink, MessageBus, new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync()
            : base.RunTestCaseAsync(testCase);
}
