using Ommx.Integration.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit;

/// <summary>
/// The xunit v2 part of reading the settings baked into the test assembly (<see cref="BakedTestSettings"/> does the
/// rest): the framework's name, its theory argument columns and its diagnostic sink.
/// </summary>
internal static class HostSettings
{
    /// <param name="testAssembly">The assembly whose <c>AssemblyMetadata("Ommx.*")</c> the build baked in.</param>
    /// <param name="testCases">The test cases of this run; with the assembly's theories they decide the argument columns.</param>
    /// <param name="diagnostics">Told about every setting that was ignored because it is invalid.</param>
    public static TestSessionSettings Read(ITestAssembly testAssembly, IEnumerable<ITestCase> testCases, IMessageSink diagnostics)
    {
        var assembly = (testAssembly.Assembly as IReflectionAssemblyInfo)?.Assembly;
        var methods = testCases.Select(t => (t.TestMethod?.Method as IReflectionMethodInfo)?.MethodInfo).OfType<System.Reflection.MethodInfo>();
        return BakedTestSettings.ForTestHost(
            assembly,
            "xunit " + typeof(global::Xunit.Sdk.XunitTestFramework).Assembly.GetName().Version,
            new TheoryArgumentColumns(BakedTestSettings.TestMethodParameters(assembly, typeof(global::Xunit.FactAttribute), methods)),
            message => diagnostics.OnMessage(new DiagnosticMessage(message)));
    }
}
