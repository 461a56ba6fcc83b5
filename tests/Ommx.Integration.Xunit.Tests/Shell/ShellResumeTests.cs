using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Xunit.Tests.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>
/// The v2 adapter resuming a failed checkpoint in process: only the test cases that did not pass run and are reported
/// to the runner; the passed ones are neither run nor reported, and their Runs are carried into one Experiment.
/// </summary>
[Collection(nameof(ShellResumeTests))]
public sealed class ShellResumeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Root => temp.Combine("registry");

    [Fact]
    public void ResumeFromFailedCheckpoint_RunsOnlyWhatDidNotPass_ReportsOnlyThose_CommitsEveryTestCaseOnce()
    {
        var cases = ShellRun.Discover(typeof(ResumeScenarios.Suite));
        ResumeScenarios.Failing.Clear();
        ResumeScenarios.Failing.UnionWith(["Beta", "Row:2", "Unenumerated:2"]);
        ResumeScenarios.Ran.Clear();
        var first = ShellRun.Run(cases, () => Settings("example.com/shell/resume:first"));
        Assert.Equal(3, first.Summary.Failed);
        var checkpointRuns = LoadCheckpoint("example.com/shell/resume:first");

        ResumeScenarios.Failing.Clear();
        ResumeScenarios.Ran.Clear();
        var second = ShellRun.Run(cases, () => Settings("example.com/shell/resume:second") with { ResumeFrom = "example.com/shell/resume:first" });

        Assert.Equal(["Beta", "Row:2", "Unenumerated:1", "Unenumerated:2"], ResumeScenarios.Ran.Order(StringComparer.Ordinal));
        Assert.Equal(["Beta => passed", "Row => passed", "Skipped => skipped", "Unenumerated => passed", "Unenumerated => passed"], Short(second.Outcomes));
        Assert.Equal((5, 0, 1), (second.Summary.Total, second.Summary.Failed, second.Summary.Skipped));
        Assert.Contains(second.Diagnostics, d => d.Contains("OMMX: resuming example.com/shell/resume:first", StringComparison.Ordinal) && d.Contains("2 Run(s) carried", StringComparison.Ordinal));
        Assert.Contains(second.Diagnostics, d => d.StartsWith("OMMX: committed example.com/shell/resume:second (7 runs; resumed example.com/shell/resume:first: 2 carried, 5 ran)", StringComparison.Ordinal));

        using var registry = LocalRegistry.Open(Root);
        using var committed = Experiment.Load(registry, "example.com/shell/resume:second");
        Assert.Equal(7, committed.Runs.Count);
        Assert.Equal(first.Results, committed.Runs.Count);
        Assert.Equal(committed.Runs.Count, committed.Runs.Select(r => r.Parameters["test.id"].AsString()).Distinct().Count());
        foreach (var carried in committed.Runs.Where(r => r.Parameters["test.method"].AsString() is "Alpha" || r.Parameters["test.display_name"].AsString().EndsWith("(n: 1)", StringComparison.Ordinal)))
        {
            var before = checkpointRuns.Single(r => r.Id == carried.Id);
            Assert.Equal(before.Parameters.OrderBy(p => p.Key).Select(p => p.ToString()), carried.Parameters.OrderBy(p => p.Key).Select(p => p.ToString()));
            Assert.Equal(before.AttachmentNames.Select(n => before.Attachment(n).Stored.Digest), carried.AttachmentNames.Select(n => carried.Attachment(n).Stored.Digest));
        }
    }

    [Fact]
    public void ResumeWithoutFailures_NothingRunsTwice_NewTestCaseRuns()
    {
        var all = ShellRun.Discover(typeof(ResumeScenarios.Suite));
        var withoutAlpha = all.Where(c => c.TestMethod.Method.Name != "Alpha").ToList();
        ResumeScenarios.Failing.Clear();
        ResumeScenarios.Failing.Add("Beta");
        ResumeScenarios.Ran.Clear();
        ShellRun.Run(withoutAlpha, () => Settings("example.com/shell/resume:a"));

        // Alpha is new in the second run; Beta (failed) runs again; everything else is carried.
        ResumeScenarios.Failing.Clear();
        ResumeScenarios.Ran.Clear();
        var second = ShellRun.Run(all, () => Settings("example.com/shell/resume:b") with { ResumeFrom = "example.com/shell/resume:a" });

        Assert.Equal(["Alpha", "Beta"], ResumeScenarios.Ran.Order(StringComparer.Ordinal));
        Assert.Equal(["Alpha => passed", "Beta => passed", "Skipped => skipped"], Short(second.Outcomes));
        using var registry = LocalRegistry.Open(Root);
        using var committed = Experiment.Load(registry, "example.com/shell/resume:b");
        Assert.Equal(7, committed.Runs.Count);
    }

    /// <summary><c>Method =&gt; outcome</c> without the namespace and class.</summary>
    private static List<string> Short(IEnumerable<string> outcomes) => outcomes.Select(o => o[(o[..o.IndexOf(" => ", StringComparison.Ordinal)].LastIndexOf('.') + 1)..]).ToList();

    private TestSessionSettings Settings(string name) =>
        HostSettings.Read(new TestAssembly(Reflector.Wrap(typeof(ShellResumeTests).Assembly)), [], new CollectingSink())
            with { RegistryRoot = Root, ExperimentName = name, SessionId = null, FinishInHost = true };

    private List<RunView> LoadCheckpoint(string name)
    {
        using var registry = LocalRegistry.Open(Root);
        using var checkpoint = Experiment.Load(registry, Assert.Single(ExperimentCatalog.ListCheckpoints(registry, name).Checkpoints).ImageName);
        return [.. checkpoint.Runs];
    }

    public void Dispose() => temp.Dispose();
}
