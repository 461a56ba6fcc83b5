using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>The single writer per Experiment: events from many threads, one journal, group commit.</summary>
public sealed class ExperimentWriterTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void ManyThreads_AnnouncedRunsClosedConcurrently_EachRunInTheJournalOnceAndLinesShareWrites()
    {
        const int threads = 16;
        const int perThread = 150;
        using var experiment = Experiment.Create(Registry, "example.com/writer/many:v1");
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                var run = experiment.Run($"t{t}-{i}", announce: true);
                run.LogParameter("thread", (long)t);
                run.LogParameter("index", (long)i);
                run.Finish();
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        // Every close returned only after its line was written: the journal holds all of them now, before any commit.
        var journal = experiment.JournalPath!;
        var lines = File.ReadAllLines(journal);
        Assert.Equal(1 + (2 * threads * perThread), lines.Length);
        var replayed = ExperimentJournal.Replay(Registry, journal)!.Value;
        Assert.Equal(threads * perThread, replayed.Content.Runs.Count);
        Assert.Empty(replayed.OpenRuns);
        var seen = replayed.Content.Runs.Values.Select(r => (r.Parameters["thread"].AsInt64(), r.Parameters["index"].AsInt64())).ToHashSet();
        Assert.Equal(threads * perThread, seen.Count);

        // Group commit: concurrent events shared writes.
        Assert.InRange(experiment.Writer!.JournalWrites, 1, (2 * threads * perThread) - 1);

        experiment.Commit();
        using var loaded = Experiment.Load(Registry, "example.com/writer/many:v1");
        Assert.Equal(threads * perThread, loaded.Runs.Count);
    }

    [Fact]
    public async Task WriterBusy_OtherThreadsStillOpenRunsLogAndAttachWithoutWaiting()
    {
        using var experiment = Experiment.Create(Registry, "example.com/writer/busy:v1");
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        using var release = new ManualResetEventSlim();
        var blocked = experiment.Writer!.Enqueue(new WriterEntry { Work = () => release.Wait() });
        var closing = experiment.Run("first");

        // The writer is stuck (think: a slow disk). Opening Runs, logging and attaching do not wait for it.
        var other = Task.Run(() =>
        {
            var run = experiment.Run("second");
            run.LogParameter("x", 1L);
            run.LogText("output.txt", "still moving");
            experiment.SetAnnotation("com.example.note", "set while the writer is busy");
            return experiment.ClosedRunCount;
        });
        Assert.Same(other, await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(30))));

        // A close does: it returns only once its line is written.
        var closer = Task.Run(closing.Finish);
        Assert.NotSame(closer, await Task.WhenAny(closer, Task.Delay(TimeSpan.FromMilliseconds(300))));

        release.Set();
        Assert.Same(closer, await Task.WhenAny(closer, Task.Delay(TimeSpan.FromSeconds(30))));
        await closer;
        experiment.Writer.WaitFor(blocked);
        var replayed = ExperimentJournal.Replay(Registry, experiment.JournalPath!)!.Value;
        Assert.Single(replayed.Content.Runs);
        Assert.Equal("set while the writer is busy", replayed.Content.Annotations["com.example.note"]);
        Assert.Equal("second", Assert.Single(replayed.OpenRuns).Label);
    }

    [Fact]
    public void Autosave_DraftWrittenByTheWriter_JournalRestartsOnTopOfIt()
    {
        using var experiment = Experiment.Create(Registry, "example.com/writer/autosave:v1");
        experiment.AutosavePolicy = AutosavePolicy.EveryNRuns(3);
        for (var i = 0; i < 7; i++)
        {
            using var run = experiment.Run();
            run.LogText("output.txt", "run " + i);
        }

        // Drafts after Runs 3 and 6; the journal continues the second draft with Run 7 only.
        var replayed = ExperimentJournal.Replay(Registry, experiment.JournalPath!)!.Value;
        Assert.NotNull(replayed.Base);
        Assert.Equal(7, replayed.Content.Runs.Count);
        Assert.Equal(2, File.ReadAllLines(experiment.JournalPath!).Length);
        Assert.Equal("run 6", Encoding.UTF8.GetString(Registry.Blobs.Read(replayed.Content.Runs[6].Attachments["output.txt"].Stored)));
    }

    [Fact]
    public void WaitingThread_WritesTheQueueItself_NoHandOffToAnotherThread()
    {
        using var experiment = Experiment.Create(Registry, "example.com/writer/inline:v1");
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        var open = experiment.Run("first", announce: true);
        int? writtenOn = null;
        var work = experiment.Writer!.Enqueue(new WriterEntry { Work = () => writtenOn = Environment.CurrentManagedThreadId });
        experiment.Writer.WaitFor(work);

        // The waiting thread wrote the batch: no thread was woken to do it and none had to wake this one again.
        Assert.Equal(Environment.CurrentManagedThreadId, writtenOn);
        open.Finish();
        Assert.Single(ExperimentJournal.Replay(Registry, experiment.JournalPath!)!.Value.Content.Runs);
    }

    public void Dispose() => temp.Dispose();
}
