using System.Reflection;
using Ommx.Integration.Testing;
using Xunit.v3;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// The xunit v3 part of reading the settings baked into the test assembly (<see cref="BakedTestSettings"/> does the
/// rest): the framework's name and its theory argument columns.
/// </summary>
internal static class HostSettings
{
    /// <param name="assembly">The test assembly whose <c>AssemblyMetadata("Ommx.*")</c> the build baked in.</param>
    /// <param name="testCases">The test cases of this run; with the assembly's theories they decide the argument columns.</param>
    /// <param name="diagnostics">Told about every setting that was ignored because it is invalid.</param>
    public static TestSessionSettings ForTestHost(Assembly assembly, IEnumerable<IXunitTestCase> testCases, Action<string> diagnostics) =>
        BakedTestSettings.ForTestHost(
            assembly,
            "xunit.v3 " + typeof(XunitTestFramework).Assembly.GetName().Version,
            new TheoryArgumentColumns(BakedTestSettings.TestMethodParameters(assembly, typeof(global::Xunit.FactAttribute), testCases.Select(t => t.TestMethod.Method))),
            diagnostics);
}
