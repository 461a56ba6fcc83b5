using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// Real processes recording the same explicit name at the same time (a gate file makes them overlap): every
/// closed Run stays durable whatever the other writer does — commits, drafts, or dies.
/// </summary>
[Trait("Category", "FaultInjection")]
public sealed class SameNameWriterTests : IDisposable
{
    private const int RunsPerWriter = 12;
    private readonly TempDirectory temp = new();

    private string Root => temp.Combine("registry");

    [Fact]
    public void TwoWritersCommitTheSameName_WinnerCommitsAndTheLosersClosedRunsAreStillRestorable()
    {
        const string name = "example.com/race/commit:v1";
        var outcomes = RunWriters(name, "commit");

        Assert.Equal(["committed", "conflict"], outcomes.Values.Order(StringComparer.Ordinal));
        var loser = outcomes.Single(o => o.Value == "conflict").Key;
        var winner = outcomes.Single(o => o.Value == "committed").Key;
        using var registry = LocalRegistry.Open(Root);
        using var committed = Experiment.Load(registry, name);
        AssertRunsOf(winner, committed.Runs);
        using var restored = Experiment.RestoreFromCheckpoint(registry, name);
        AssertRunsOf(loser, restored.Runs);
    }

    [Fact]
    public void TwoWritersOfTheSameNameKilled_RecoveryBringsBackBothWritersRuns()
    {
        const string name = "example.com/race/killed:v1";
        RunWriters(name, "hold");

        using var registry = LocalRegistry.Open(Root);
        var recovered = StaleWriterRecovery.RecoverAll(registry);

        Assert.Equal(2, recovered.Count(o => o.Action == StaleWriterAction.Interrupted));
        var requested = ImageReference.Parse(name);
        var checkpoints = registry.ListRefs()
            .Where(r => r.Name == requested.RepositoryKey || r.ImageName == ImageNames.CheckpointReference(registry.RegistryId, requested).ToString())
            .Select(r => r.ImageName)
            .ToList();
        Assert.Equal(2, checkpoints.Count);
        var writers = new List<string>();
        foreach (var checkpoint in checkpoints)
        {
            using var loaded = Experiment.Load(registry, checkpoint);
            Assert.Equal(ExperimentStatus.Interrupted, loaded.Status);
            var writer = loaded.Runs[0].Parameters["writer"].AsString();
            AssertRunsOf(writer, loaded.Runs);
            writers.Add(writer);
        }

        Assert.Equal(["a", "b"], writers.Order(StringComparer.Ordinal));
        Assert.Empty(registry.ListLeases());
        Assert.Empty(RunJournalFiles.JournalPaths(registry.Root));
    }

    /// <summary>Starts writers a and b, lets both close half their Runs, opens the gate, and returns each one's last line.</summary>
    private Dictionary<string, string> RunWriters(string name, string then)
    {
        var gate = temp.Combine("gate");
        using var a = WorkerProcess.Start("same-name-writer", Root, name, "a", RunsPerWriter.ToString(System.Globalization.CultureInfo.InvariantCulture), then, gate);
        using var b = WorkerProcess.Start("same-name-writer", Root, name, "b", RunsPerWriter.ToString(System.Globalization.CultureInfo.InvariantCulture), then, gate);
        a.WaitForLines(1, TimeSpan.FromSeconds(60));
        b.WaitForLines(1, TimeSpan.FromSeconds(60));
        Assert.True(a.Lines.Contains("half"), a.Errors);
        Assert.True(b.Lines.Contains("half"), b.Errors);
        File.WriteAllText(gate, string.Empty);
        a.WaitForLines(2, TimeSpan.FromSeconds(60));
        b.WaitForLines(2, TimeSpan.FromSeconds(60));
        if (then == "hold")
        {
            Assert.True(a.Lines.Contains("holding"), a.Errors);
            Assert.True(b.Lines.Contains("holding"), b.Errors);
            a.Kill();
            b.Kill();
        }
        else
        {
            Assert.Equal(0, a.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Equal(0, b.WaitForExit(TimeSpan.FromSeconds(60)));
        }

        return new Dictionary<string, string> { ["a"] = a.Lines.Last(), ["b"] = b.Lines.Last() };
    }

    private static void AssertRunsOf(string writer, IReadOnlyList<RunView> runs)
    {
        Assert.Equal(RunsPerWriter, runs.Count);
        Assert.All(runs, r => Assert.Equal(writer, r.Parameters["writer"].AsString()));
        Assert.Equal(Enumerable.Range(0, RunsPerWriter).Select(i => (long)i), runs.Select(r => r.Parameters["index"].AsInt64()));
        Assert.All(runs, r => Assert.Equal(writer, r.GetJson("payload")!["writer"]!.GetValue<string>()));
    }

    public void Dispose() => temp.Dispose();
}
