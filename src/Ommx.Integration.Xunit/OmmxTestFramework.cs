using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>
/// The xunit v2 test framework that records each test case as a Run. The package's build targets inject
/// <c>[assembly: TestFramework("Ommx.Integration.Xunit.OmmxTestFramework", "Ommx.Integration.Xunit")]</c>.
/// </summary>
public sealed class OmmxTestFramework : XunitTestFramework
{
    public OmmxTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new OmmxTestFrameworkExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);
}
