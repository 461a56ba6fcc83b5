using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>Runs the assembly with <see cref="OmmxTestAssemblyRunner"/>.</summary>
internal sealed class OmmxTestFrameworkExecutor : XunitTestFrameworkExecutor
{
    public OmmxTestFrameworkExecutor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : base(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
    }

    // xunit's own override is async void too: the runner reports completion through the message sink.
    protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
    {
        using var runner = new OmmxTestAssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
        await runner.RunAsync().ConfigureAwait(false);
    }
}
