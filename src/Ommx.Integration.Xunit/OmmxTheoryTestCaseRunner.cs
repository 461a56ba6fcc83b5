using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>xunit's theory runner; each row's arguments are handed to the recorder before the row's test starts.</summary>
internal sealed class OmmxTheoryTestCaseRunner : XunitTheoryTestCaseRunner
{
    private readonly SessionRecorder recorder;

    public OmmxTheoryTestCaseRunner(SessionRecorder recorder, IXunitTestCase testCase, string displayName, string skipReason, object[] constructorArguments, IMessageSink diagnosticMessageSink, IMessageBus messageBus, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        : base(testCase, displayName, skipReason, constructorArguments, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource)
    {
        this.recorder = recorder;
    }

    protected override XunitTestRunner CreateTestRunner(ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments, string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        try
        {
            recorder.NoteArguments(test, testMethodArguments);
        }
        catch (Exception e) when (!SessionRecorder.IsFatal(e))
        {
            recorder.Fault("noting a theory row's arguments", e);
        }

        return base.CreateTestRunner(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource);
    }
}
