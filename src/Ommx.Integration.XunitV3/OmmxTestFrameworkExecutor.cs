using System.Globalization;
using System.Reflection;
using Ommx.Integration.Testing.Resume;
using Xunit.Sdk;
using Xunit.v3;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// xunit's executor, except that the assembly runs through <see cref="OmmxTestAssemblyRunner"/> inside a recorded
/// test session: the session opens before the first test and ends after the last.
/// </summary>
internal sealed class OmmxTestFrameworkExecutor : XunitTestFrameworkExecutor
{
    private readonly IXunitTestAssembly testAssembly;
    private readonly Assembly assembly;

    /// <param name="testAssembly">xunit's view of the test assembly.</param>
    /// <param name="assembly">The test assembly itself (xunit 4 moved <c>IXunitTestAssembly.Assembly</c>, so it is passed along rather than read back).</param>
    public OmmxTestFrameworkExecutor(IXunitTestAssembly testAssembly, Assembly assembly)
        : base(testAssembly)
    {
        this.testAssembly = testAssembly;
        this.assembly = assembly;
    }

    public override async ValueTask RunTestCases(IReadOnlyCollection<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionOptions);

        // What xunit's own executor does before running: the assertion library reads these limits from the environment.
        SetLimit("XUNIT_ASSERT_EQUIVALENT_MAX_DEPTH", executionOptions.AssertEquivalentMaxDepth());
        SetLimit("XUNIT_PRINT_MAX_ENUMERABLE_LENGTH", executionOptions.PrintMaxEnumerableLength());
        SetLimit("XUNIT_PRINT_MAX_OBJECT_DEPTH", executionOptions.PrintMaxObjectDepth());
        SetLimit("XUNIT_PRINT_MAX_OBJECT_MEMBER_COUNT", executionOptions.PrintMaxObjectMemberCount());
        SetLimit("XUNIT_PRINT_MAX_STRING_LENGTH", executionOptions.PrintMaxStringLength());

        using var recorder = SessionRecorder.Start(() => HostSettings.ForTestHost(assembly, testCases, DiagnosticSink.Send), DiagnosticSink.Send);
        var selected = recorder?.Resume is { } plan ? Resumed(recorder, plan, testCases) : testCases;
        await OmmxTestAssemblyRunner.Instance.Run(recorder, testAssembly, selected, executionMessageSink, executionOptions, cancellationToken).ConfigureAwait(false);
        recorder?.Complete();
    }

    /// <summary>
    /// A resumed run runs only the test cases that did not pass in the checkpoint; the others are neither run nor
    /// reported (so the platform counts only what ran) and their Runs are carried into the Experiment. xunit v3 hands the
    /// executor the filtered test cases only, so a checkpoint's test case that no longer exists is carried, not dropped.
    /// </summary>
    private static IReadOnlyCollection<IXunitTestCase> Resumed(SessionRecorder recorder, ResumePlan plan, IReadOnlyCollection<IXunitTestCase> testCases)
    {
        var ids = testCases.Select(t => ((ITestCaseMetadata)t).UniqueID).ToList();
        var running = plan.Remaining(ids).ToHashSet(StringComparer.Ordinal);
        return recorder.CarryOver(running, existing: null, ids.Count)
            ? testCases.Where(t => running.Contains(((ITestCaseMetadata)t).UniqueID)).ToList()
            : testCases;
    }

    private static void SetLimit(string variable, int? value)
    {
        if (value is { } limit)
        {
            Environment.SetEnvironmentVariable(variable, limit.ToString(CultureInfo.InvariantCulture));
        }
    }
}
