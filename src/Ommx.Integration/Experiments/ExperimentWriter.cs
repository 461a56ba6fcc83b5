using System.Buffers;
using Ommx.Integration.Experiments.Format;

namespace Ommx.Integration.Experiments;

/// <summary>
/// The single writer of one Experiment. Threads that open and close Runs only queue <see cref="WriterEntry"/>
/// events (under a lock held for the enqueue alone, never across I/O); one writer thread drains the queue in
/// order, composes the journal lines, writes every line of a batch in one <c>write</c> (group commit) and
/// only then releases the callers waiting for those events. So a caller that waited on its Run's close
/// returns only once the close is in the journal (the journal contract: a single write survives a killed
/// process), while many concurrent closes share one write. The thread exits after a short idle spell and
/// is started again by the next event, so an Experiment that is never disposed leaks no thread.
/// </summary>
internal sealed class ExperimentWriter
{
    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(2);
    private readonly ExperimentJournal journal;
    private readonly object sync = new();
    private readonly SortedDictionary<ulong, string?> open = [];
    private readonly ArrayBufferWriter<byte> lines = new(1 << 16);
    private List<WriterEntry> queue = [];
    private List<WriterEntry> spare = [];
    private long queued;
    private long done;
    private bool running;
    private long journalWrites;

    public ExperimentWriter(ExperimentJournal journal)
    {
        this.journal = journal;
    }

    /// <summary>How many writes the journal took so far (each carries every line of one batch).</summary>
    public long JournalWrites => Interlocked.Read(ref journalWrites);

    /// <summary>Queues <paramref name="entry"/> and returns at once; <see cref="WaitFor"/> waits until it is written.</summary>
    public WriterEntry Enqueue(WriterEntry entry)
    {
        lock (sync)
        {
            entry.Sequence = ++queued;
            queue.Add(entry);
            if (running)
            {
                Monitor.PulseAll(sync);
            }
            else
            {
                running = true;
                new Thread(Drain) { IsBackground = true, Name = "OMMX experiment writer" }.Start();
            }
        }

        return entry;
    }

    /// <summary>Blocks until <paramref name="entry"/> is written (or failed), then throws its error if it has one.</summary>
    public void WaitFor(WriterEntry entry)
    {
        lock (sync)
        {
            while (done < entry.Sequence)
            {
                Monitor.Wait(sync);
            }
        }

        if (entry.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Blocks until every event queued so far is written: the journal is then the caller's to use directly.</summary>
    public void Flush()
    {
        lock (sync)
        {
            while (done < queued)
            {
                Monitor.Wait(sync);
            }
        }
    }

    /// <summary>The writer thread: takes everything queued, writes it, releases its waiters; exits when idle.</summary>
    private void Drain()
    {
        while (true)
        {
            List<WriterEntry> batch;
            lock (sync)
            {
                while (queue.Count == 0)
                {
                    if (!Monitor.Wait(sync, IdleExit) && queue.Count == 0)
                    {
                        running = false;
                        return;
                    }
                }

                batch = queue;
                queue = spare;
            }

            Write(batch);
            lock (sync)
            {
                done = batch[^1].Sequence;
                batch.Clear();
                spare = batch;
                Monitor.PulseAll(sync);
            }
        }
    }

    /// <summary>Applies a batch in order: lines are gathered and written together, work runs after the lines before it.</summary>
    private void Write(List<WriterEntry> batch)
    {
        var first = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            if (entry.Opened is { } opened)
            {
                open[opened.RunId] = opened.Label;
            }

            if (entry.Closed is { } closed)
            {
                open.Remove(closed);
            }

            if (entry.Line is { } delta)
            {
                try
                {
                    lines.Write(journal.ComposeLine(delta, OpenList()));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    entry.Error = e;
                }
            }

            if (entry.Work is { } work)
            {
                WriteLines(batch, first, i);
                first = i + 1;
                try
                {
                    work();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    entry.Error = e;
                }
            }
        }

        WriteLines(batch, first, batch.Count);
    }

    /// <summary>Writes the gathered lines of <c>batch[from..to)</c> in one write; a failure is the error of each of those events.</summary>
    private void WriteLines(List<WriterEntry> batch, int from, int to)
    {
        if (lines.WrittenCount == 0)
        {
            return;
        }

        try
        {
            Interlocked.Increment(ref journalWrites);
            journal.AppendLines(lines.WrittenSpan);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            for (var i = from; i < to; i++)
            {
                if (batch[i].Line is not null)
                {
                    batch[i].Error ??= e;
                }
            }
        }
        finally
        {
            lines.ResetWrittenCount();
        }
    }

    private List<OpenRunInfo> OpenList() => open.Select(p => new OpenRunInfo(p.Key, p.Value)).ToList();
}
