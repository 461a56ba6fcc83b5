using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// The journal's line format for recording cost: an announced Run is a compact open-Run line, a record carries the
/// annotations only when they changed, and journals in the earlier format (every record whole) still replay.
/// </summary>
public sealed class JournalLineFormatTests : IDisposable
{
    private const string Name = "example.com/journal/format:v1";
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void AnnouncedRuns_CompactOpenLines_AnnotationsWrittenOnlyWhenChanged_ReplayRestoresAllOfIt()
    {
        using var experiment = Experiment.Create(Registry, Name);
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        experiment.SetAnnotation("com.example.project", "Bench.Tests");
        for (var i = 0; i < 3; i++)
        {
            var run = experiment.Run($"test {i}", announce: true);
            run.LogParameter("i", (long)i);
            run.Finish();
        }

        experiment.SetAnnotation("com.example.late", "set after three Runs");
        using (var run = experiment.Run("test 3", announce: true))
        {
            run.LogParameter("i", 3L);
        }

        var crashed = experiment.Run("test 4 (the host dies in it)", announce: true);

        var lines = File.ReadAllLines(experiment.JournalPath!);
        Assert.Equal(1 + 9, lines.Length);
        // The first announce carries the annotations (a host killed in its first test still leaves them); every later
        // announce is the compact line, and records carry the annotations only when one changed.
        var compact = lines.Skip(1).Where(l => l.StartsWith("{\"journal_open\":", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, compact.Count);
        Assert.All(compact, l => Assert.True(l.Length < 200, l));
        Assert.Equal(2, lines.Count(l => l.Contains("com.example.project", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("com.example.late", StringComparison.Ordinal));

        var replayed = ExperimentJournal.Replay(Registry, experiment.JournalPath!)!.Value;
        Assert.Equal(4, replayed.Content.Runs.Count);
        Assert.Equal(3L, replayed.Content.Runs[3].Parameters["i"].AsInt64());
        Assert.Equal("Bench.Tests", replayed.Content.Annotations["com.example.project"]);
        Assert.Equal("set after three Runs", replayed.Content.Annotations["com.example.late"]);
        Assert.Equal("test 4 (the host dies in it)", Assert.Single(replayed.OpenRuns).Label);
        crashed.Finish();
    }

    [Fact]
    public void JournalInTheEarlierFormat_EveryRecordWhole_ReplaysRunsLastAnnotationsAndOpenRuns()
    {
        // Written through ExperimentJournal.Append, which composes a record exactly as the earlier writer did for every
        // line: the annotations whole and the open-Run list, for an announce (no Run) as for a close.
        var path = WriteEarlierFormatJournal();
        var replayed = ExperimentJournal.Replay(Registry, path)!.Value;
        Assert.Equal([0UL, 1UL], replayed.Content.Runs.Keys);
        Assert.Equal("second", replayed.Content.Runs[1].Parameters["name"].AsString());
        Assert.Equal("v2", replayed.Content.Annotations["com.example.version"]);
        Assert.Equal("kept", replayed.Content.Annotations["com.example.kept"]);
        Assert.Equal("third", Assert.Single(replayed.OpenRuns).Label);

        // And the recording continues from it in the new format.
        using var restored = Experiment.RestoreFromCheckpoint(Registry, ImageReference.Parse(Name), path);
        Assert.Equal("third", Assert.Single(restored.RunsOpenAtLastRecord).Label);
        restored.AutosavePolicy = AutosavePolicy.Disabled();
        using (var run = restored.Run("fourth", announce: true))
        {
            run.LogParameter("name", "fourth");
        }

        var again = ExperimentJournal.Replay(Registry, restored.JournalPath!)!.Value;
        Assert.Equal(3, again.Content.Runs.Count);
        Assert.Equal("v2", again.Content.Annotations["com.example.version"]);
    }

    [Fact]
    public void DamagedOpenLine_ReportedAsDamageOrRefused()
    {
        var path = WriteEarlierFormatJournal();
        File.AppendAllText(path, "{\"journal_open\":[{\"run_id\":\"not a number\"}]}\n");
        Assert.Throws<ExperimentFormatException>(() => ExperimentJournal.Replay(Registry, path));
        var damage = new List<string>();
        var replayed = ExperimentJournal.Replay(Registry, path, damage)!.Value;
        Assert.Equal(2, replayed.Content.Runs.Count);
        Assert.Contains("open-Run line", Assert.Single(damage), StringComparison.Ordinal);
    }

    private string WriteEarlierFormatJournal()
    {
        var name = ImageReference.Parse(Name);
        using var journal = new ExperimentJournal(Registry, name, "earlierwriter");
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["com.example.version"] = "v1", ["com.example.kept"] = "kept" };

        ExperimentContent Delta(RunRecord? run)
        {
            var delta = new ExperimentContent();
            foreach (var (k, v) in annotations)
            {
                delta.Annotations[k] = v;
            }

            if (run is not null)
            {
                delta.Runs[run.Id] = run;
            }

            return delta;
        }

        RunRecord Run(ulong id, string value)
        {
            var record = new RunRecord { Id = id };
            record.Parameters["name"] = RunParameterValue.From(value);
            return record;
        }

        journal.Append(Delta(null), [new OpenRunInfo(0, "first")]);
        journal.Append(Delta(Run(0, "first")), []);
        journal.Append(Delta(null), [new OpenRunInfo(1, "second")]);
        annotations["com.example.version"] = "v2";
        journal.Append(Delta(Run(1, "second")), []);
        journal.Append(Delta(null), [new OpenRunInfo(2, "third")]);
        Assert.DoesNotContain(File.ReadAllLines(journal.PathNow), l => l.StartsWith("{\"journal_open\"", StringComparison.Ordinal));
        return journal.PathNow;
    }

    public void Dispose() => temp.Dispose();
}
