using Ommx.Integration.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit.Tests.TestSupport;

/// <summary>
/// Runs test classes in process the way <c>dotnet test</c> runs a test assembly: xunit's own discoverer finds
/// their test cases, then xunit's assembly runner — or the recording one, <see cref="OmmxTestAssemblyRunner"/> —
/// runs them. The classes are public types nested in a non-public class, so the outer test run never
/// discovers them itself.
/// </summary>
internal static class ShellRun
{
    public static IReadOnlyList<IXunitTestCase> Discover(Type testClass, bool preEnumerateTheories = true)
    {
        using var diagnostics = new CollectingSink();
        using var discovered = new CollectingSink();
        var assembly = Reflector.Wrap(testClass.Assembly);
        using var discoverer = new XunitTestFrameworkDiscoverer(assembly, new NoSourceInformation(), diagnostics);
        var options = new XunitOptions();
        options.SetValue<bool?>("xunit.discovery.PreEnumerateTheories", preEnumerateTheories);
        discoverer.Find(testClass.FullName!, false, discovered, options);
        Assert.True(discovered.DiscoveryComplete.Wait(TimeSpan.FromSeconds(60)), "discovery did not complete");
        var cases = discovered.Messages.OfType<ITestCaseDiscoveryMessage>().Select(m => (IXunitTestCase)m.TestCase).ToList();
        Assert.NotEmpty(cases);
        return cases;
    }

    /// <summary>Runs <paramref name="testCases"/>; with <paramref name="settings"/> through the recording runner, otherwise through xunit's.</summary>
    public static Result Run(IReadOnlyList<IXunitTestCase> testCases, Func<TestSessionSettings>? settings)
    {
        var diagnostics = new CollectingSink();
        var execution = new CollectingSink();
        var assembly = new TestAssembly(Reflector.Wrap(testCases[0].TestMethod.TestClass.Class is IReflectionTypeInfo t ? t.Type.Assembly : typeof(ShellRun).Assembly));
        var options = new XunitOptions();
        options.SetValue<bool?>("xunit.execution.SynchronousMessageReporting", true);
        RunSummary summary;
        using (XunitTestAssemblyRunner runner = settings is null
            ? new XunitTestAssemblyRunner(assembly, testCases, diagnostics, execution, options)
            : new OmmxTestAssemblyRunner(assembly, testCases, diagnostics, execution, options, settings))
        {
            summary = runner.RunAsync().GetAwaiter().GetResult();
        }

        return new Result(summary, execution.Messages, diagnostics.Diagnostics.ToList());
    }

    /// <summary>What a run reported.</summary>
    public sealed record Result(RunSummary Summary, IReadOnlyList<IMessageSinkMessage> Messages, IReadOnlyList<string> Diagnostics)
    {
        /// <summary>
        /// Every test result as (display name, outcome), sorted: the per-test outcome multiset. Arguments are cut off
        /// the display names, since rows built from the clock differ between two runs.
        /// </summary>
        public IReadOnlyList<string> Outcomes => Messages.OfType<ITestResultMessage>()
            .Select(m => $"{TrxReport.MethodOf(m.Test.DisplayName)} => {m switch { ITestPassed => "passed", ITestFailed => "failed", ITestSkipped => "skipped", _ => "?" }}")
            .Order(StringComparer.Ordinal)
            .ToList();

        public int Results => Messages.OfType<ITestResultMessage>().Count();
    }

    /// <summary>Discovery here never asks for source locations.</summary>
    private sealed class NoSourceInformation : LongLivedMarshalByRefObject, ISourceInformationProvider
    {
        public ISourceInformation GetSourceInformation(ITestCase testCase) => null!;

        public void Dispose()
        {
        }
    }
}
