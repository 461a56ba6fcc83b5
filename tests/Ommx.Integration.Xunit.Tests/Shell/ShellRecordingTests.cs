using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Xunit.Tests.TestSupport;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>
/// The xunit shell in process: real test classes discovered and run by xunit's own runners, once without the
/// recorder and once with it, against a temporary registry. Each test checks that recording changed nothing
/// about the run (per-test outcomes, counts) and what it stored.
/// </summary>
public sealed class ShellRecordingTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly List<IDisposable> disposables = [];

    private string Root => temp.Combine("registry");

    [Fact]
    public void TheoryArguments_SameNameDifferentTypes_CommitSucceedsAndEveryValueIsKept()
    {
        var cases = ShellRun.Discover(typeof(ArgumentScenarios.IntValues)).Concat(ShellRun.Discover(typeof(ArgumentScenarios.MixedValues))).ToList();

        var (result, experiment) = RunRecorded(cases, "example.com/shell/arguments:v1");

        Assert.Equal(ExperimentStatus.Finished, experiment.Status);
        var runs = experiment.Runs.ToList();
        Assert.Equal(result.Results, runs.Count);
        Assert.Equal([1L, 2L], Method(runs, "Takes").Where(r => r.Parameters.ContainsKey("value")).Select(r => r.Parameters["value"].AsInt64()).Order());
        Assert.Equal("one", Assert.Single(Method(runs, "Takes"), r => r.Parameters.ContainsKey("value:text")).Parameters["value:text"].AsString());
        Assert.Equal(7L, Assert.Single(Method(runs, "EnumAsInt")).Parameters["enumValue"].AsInt64());
        Assert.Equal("Dark", Assert.Single(Method(runs, "EnumTyped")).Parameters["enumValue:text"].AsString());

        var objects = Method(runs, "Objects").Select(r => string.Join(",", r.Parameters.Where(p => p.Key.StartsWith("value", StringComparison.Ordinal)).Select(p => $"{p.Key}={p.Value}"))).Order(StringComparer.Ordinal);
        Assert.Equal(["", "value:bool=True", "value:text=c", "value:text=s", "value=3"], objects);
        var ratios = Method(runs, "Ratios").Select(r => r.Parameters["ratio"].AsDouble()).ToList();
        Assert.Contains(ratios, double.IsNaN);
        Assert.Contains(1.5, ratios);

        // The two facts log `shared` with different types: one is refused at the call, the test still passes.
        Assert.Single(runs, r => r.Parameters.ContainsKey("shared"));
        Assert.Contains(result.Diagnostics, d => d.Contains("recording error", StringComparison.Ordinal) && d.Contains("`shared`", StringComparison.Ordinal));
        Assert.Equal(0, result.Summary.Failed);
    }

    [Fact]
    public void TheoryArguments_SameSuiteTwice_SameColumns()
    {
        var cases = ShellRun.Discover(typeof(ArgumentScenarios.MixedValues)).Concat(ShellRun.Discover(typeof(ArgumentScenarios.IntValues))).ToList();

        var first = RunRecorded(cases, "example.com/shell/columns:v1").Experiment.RunParameters.ColumnNames;
        var second = RunRecorded([.. Enumerable.Reverse(cases)], "example.com/shell/columns:v2").Experiment.RunParameters.ColumnNames;

        Assert.Equal(first.Where(c => !c.StartsWith("shared", StringComparison.Ordinal)), second.Where(c => !c.StartsWith("shared", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rows_NotPreEnumerated_EachRunHasItsOwnIdAndItsArguments(bool preEnumerateTheories)
    {
        var cases = ShellRun.Discover(typeof(RowScenarios.Unenumerated), preEnumerateTheories);

        var (result, experiment) = RunRecorded(cases, "example.com/shell/rows:v1");

        var runs = experiment.Runs.ToList();
        Assert.Equal(7, result.Results);
        Assert.Equal(result.Results, runs.Count);
        Assert.Equal(runs.Count, runs.Select(r => r.Parameters["test.id"].AsString()).Distinct().Count());
        Assert.Equal(["RowPayload { Size = 1 }", "RowPayload { Size = 2 }"], Method(runs, "Custom").Select(r => r.Parameters["payload"].AsString()).Order(StringComparer.Ordinal));
        Assert.All(Method(runs, "Changing"), r => Assert.True(r.Parameters.ContainsKey("stamp")));
        Assert.Equal([(1L, "a"), (2L, "b")], Method(runs, "Plain").Select(r => (r.Parameters["number"].AsInt64(), r.Parameters["letter"].AsString())).Order());
    }

    [Fact]
    public void Outcomes_SkipsCancellationsTimeoutAndConstructorFailure_RecordedAsXunitReportsThem()
    {
        var cases = ShellRun.Discover(typeof(OutcomeScenarios.Outcomes)).Concat(ShellRun.Discover(typeof(OutcomeScenarios.BrokenConstructor))).ToList();

        var (result, experiment) = RunRecorded(cases, "example.com/shell/outcomes:v1");

        Assert.Equal(ExperimentStatus.Failed, experiment.Status);
        Assert.StartsWith("4 test(s) failed: ", experiment.LifecycleReason, StringComparison.Ordinal);
        var runs = experiment.Runs.ToDictionary(r => r.Parameters["test.method"].AsString());
        Assert.Equal(result.Results, runs.Count);
        foreach (var failed in new[] { "Cancelled", "TaskCancelled", "TimesOut", "NeverRuns" })
        {
            Assert.Equal((RunStatus.Failed, "failed"), (runs[failed].Status, runs[failed].Parameters["test.outcome"].AsString()));
        }

        Assert.Contains("OperationCanceledException", runs["Cancelled"].LifecycleReason, StringComparison.Ordinal);
        Assert.Contains("constructor refused", runs["NeverRuns"].LifecycleReason, StringComparison.Ordinal);
        Assert.Equal(("skipped", "not today"), (runs["Skipped"].Parameters["test.outcome"].AsString(), runs["Skipped"].Parameters["test.skip_reason"].AsString()));
        Assert.Equal("skipped", runs["SkippedTheory"].Parameters["test.outcome"].AsString());
        Assert.True(runs["Passes"].Parameters["passes.logged"].AsBool());
    }

    [Fact]
    public void Recorder_RecordsASuite_ThreadPoolMinimumOfTheProcessUnchanged()
    {
        // Recording has no global side effect in the user's test host (it used to raise the pool's minimum threads).
        ThreadPool.GetMinThreads(out var workersBefore, out var portsBefore);
        var cases = ShellRun.Discover(typeof(ArgumentScenarios.IntValues));

        var (result, _) = RunRecorded(cases, "example.com/shell/pool:v1");

        Assert.Equal(0, result.Summary.Failed);
        ThreadPool.GetMinThreads(out var workersAfter, out var portsAfter);
        Assert.Equal((workersBefore, portsBefore), (workersAfter, portsAfter));
    }

    [Fact]
    public void Recorder_SettingsThrow_RunUnchangedAndSaysRecordingIsOff()
    {
        var cases = ShellRun.Discover(typeof(OutcomeScenarios.ClosesItsOwnRun));
        var plain = ShellRun.Run(cases, settings: null);

        var recorded = ShellRun.Run(cases, () => throw new InvalidOperationException("settings exploded"));

        Assert.Equal(plain.Outcomes, recorded.Outcomes);
        Assert.Contains(recorded.Diagnostics, d => d.Contains("recording is off for this run: InvalidOperationException: settings exploded", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("reserved-annotation")]
    [InlineData("root-is-a-file")]
    [InlineData("bad-name")]
    public void Recorder_InvalidSetting_RunUnchangedAndADiagnosticNamesIt(string setting)
    {
        var cases = ShellRun.Discover(typeof(OutcomeScenarios.Outcomes));
        var plain = ShellRun.Run(cases, settings: null);
        File.WriteAllText(temp.Combine("file"), "not a directory");
        var settings = setting switch
        {
            "reserved-annotation" => new TestSessionSettings { RegistryRoot = Root, Annotations = new Dictionary<string, string> { ["org.ommx.team"] = "solvers" } },
            "root-is-a-file" => new TestSessionSettings { RegistryRoot = temp.Combine("file") },
            _ => new TestSessionSettings { RegistryRoot = Root, ExperimentName = "Not A Name::" },
        };

        var recorded = ShellRun.Run(cases, () => settings);

        Assert.Equal(plain.Outcomes, recorded.Outcomes);
        Assert.Equal((plain.Summary.Total, plain.Summary.Failed, plain.Summary.Skipped), (recorded.Summary.Total, recorded.Summary.Failed, recorded.Summary.Skipped));
        Assert.Contains(recorded.Diagnostics, d => d.StartsWith("OMMX: recording is off for this run: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Recorder_TestClosesItsOwnRun_TestPassesAndTheErrorIsReported()
    {
        var cases = ShellRun.Discover(typeof(OutcomeScenarios.ClosesItsOwnRun));

        var (result, experiment) = RunRecorded(cases, "example.com/shell/closes:v1");

        Assert.Equal(0, result.Summary.Failed);
        Assert.Equal(ExperimentStatus.Finished, experiment.Status);
        Assert.Contains(result.Diagnostics, d => d.Contains("could not finish the Run of", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Contains("1 recording error(s)", StringComparison.Ordinal));
        Assert.Equal(3L, Assert.Single(experiment.Runs, r => r.Parameters.ContainsKey("everything.count")).Parameters["everything.count"].AsInt64());
    }

    /// <summary>Runs without and with the recorder (host finishes), checks the outcomes match, and loads what was stored.</summary>
    private (ShellRun.Result Result, Experiment Experiment) RunRecorded(IReadOnlyList<IXunitTestCase> cases, string name)
    {
        var plain = ShellRun.Run(cases, settings: null);
        // The settings a real host reads from this assembly (argument columns included), pointed at a temp registry.
        var settings = HostSettings.Read(new TestAssembly(Reflector.Wrap(typeof(ShellRecordingTests).Assembly)), cases, new CollectingSink())
            with { RegistryRoot = Root, ExperimentName = name, SessionId = null, FinishInHost = true };

        var recorded = ShellRun.Run(cases, () => settings);

        Assert.Equal(plain.Outcomes, recorded.Outcomes);
        Assert.Equal((plain.Summary.Total, plain.Summary.Failed, plain.Summary.Skipped), (recorded.Summary.Total, recorded.Summary.Failed, recorded.Summary.Skipped));
        var registry = LocalRegistry.Open(Root);
        disposables.Add(registry);
        var stored = registry.Resolve(Oci.ImageReference.Parse(name)) is not null
            ? Experiment.Load(registry, name)
            : Experiment.Load(registry, Assert.Single(ExperimentCatalog.ListCheckpoints(registry).Checkpoints).ImageName);
        return (recorded, stored);
    }

    private static List<RunView> Method(IEnumerable<RunView> runs, string method) =>
        runs.Where(r => r.Parameters["test.method"].AsString() == method).ToList();

    public void Dispose()
    {
        disposables.ForEach(d => d.Dispose());
        temp.Dispose();
    }
}
