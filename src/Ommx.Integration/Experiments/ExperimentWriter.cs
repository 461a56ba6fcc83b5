using System.Buffers;
using Ommx.Integration.Experiments.Format;

namespace Ommx.Integration.Experiments;

/// <summary>
/// The single writer of one Experiment. Threads that open and close Runs only queue <see cref="WriterEntry"/>
/// events (under a lock held for the enqueue alone, never across I/O). Whoever then needs an event written — a
/// thread waiting for its Run's close, or a flush — becomes the writer if nobody is writing: it takes everything
/// queued, composes the journal lines, writes every line of the batch in one <c>write</c> (group commit) and only
/// then releases the callers waiting for those events; while it writes, other threads queue and wait, and the
/// next of them takes their whole batch. So a caller that waited on its Run's close returns only once the close
/// is in the journal (the journal contract: a single write survives a killed process), many concurrent closes
/// share one write, and no event is handed to another thread and back (two context switches per event, which on
/// a loaded machine cost more than composing and writing the line). Only one thread writes at a time and
/// batches are written in queue order, so the journal is the same as one dedicated writer thread would write.
/// </summary>
internal sealed class ExperimentWriter
{
    private readonly ExperimentJournal journal;
    private readonly object sync = new();
    private readonly SortedDictionary<ulong, string?> open = [];
    private readonly ArrayBufferWriter<byte> lines = new(1 << 16);
    private List<WriterEntry> queue = [];
    private List<WriterEntry> spare = [];
    private long queued;
    private long done;
    private bool writing;
    private long journalWrites;
    private bool failed;

    public ExperimentWriter(ExperimentJournal journal)
    {
        this.journal = journal;
    }

    /// <summary>
    /// Whether a journal line could not be composed or written so far: the journal may then lack something the
    /// Experiment holds in memory (a test host prepares no artifact from memory then; see <see cref="Experiment"/>).
    /// </summary>
    public bool HasFailed => Volatile.Read(ref failed);

    /// <summary>How many writes the journal took so far (each carries every line of one batch).</summary>
    public long JournalWrites => Interlocked.Read(ref journalWrites);

    /// <summary>Queues <paramref name="entry"/> and returns at once; <see cref="WaitFor"/> writes it (or waits for whoever does).</summary>
    public WriterEntry Enqueue(WriterEntry entry)
    {
        lock (sync)
        {
            entry.Sequence = ++queued;
            queue.Add(entry);
        }

        return entry;
    }

    /// <summary>Blocks until <paramref name="entry"/> is written (or failed), then throws its error if it has one.</summary>
    public void WaitFor(WriterEntry entry)
    {
        WriteUntil(entry.Sequence);
        if (entry.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Blocks until every event queued so far is written: the journal is then the caller's to use directly.</summary>
    public void Flush()
    {
        long target;
        lock (sync)
        {
            target = queued;
        }

        WriteUntil(target);
    }

    /// <summary>
    /// Returns once every event up to <paramref name="sequence"/> is written: writes the queued batch itself when
    /// nobody is writing, else waits for the thread that is (and takes over if its batch did not reach that far).
    /// </summary>
    private void WriteUntil(long sequence)
    {
        lock (sync)
        {
            while (done < sequence)
            {
                if (writing)
                {
                    Monitor.Wait(sync);
                    continue;
                }

                var batch = queue;
                queue = spare;
                writing = true;
                Monitor.Exit(sync);
                try
                {
                    Write(batch);
                }
                finally
                {
                    Monitor.Enter(sync);
                    done = batch[^1].Sequence;
                    batch.Clear();
                    spare = batch;
                    writing = false;
                    Monitor.PulseAll(sync);
                }
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

            if (entry.Line is not null || entry.OpenLine)
            {
                try
                {
                    if (entry.Line is { } delta)
                    {
                        journal.ComposeLine(lines, delta, OpenList());
                    }
                    else
                    {
                        ExperimentJournal.ComposeOpenLine(lines, open);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    entry.Error = e;
                    Volatile.Write(ref failed, true);
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
            Volatile.Write(ref failed, true);
            for (var i = from; i < to; i++)
            {
                if (batch[i].Line is not null || batch[i].OpenLine)
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
