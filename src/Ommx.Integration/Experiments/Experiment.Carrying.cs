using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

public sealed partial class Experiment
{
    /// <summary>A snapshot of the closed Runs as stored (what a resume reads its cases from).</summary>
    internal IReadOnlyList<RunRecord> ClosedRuns
    {
        get
        {
            lock (gate)
            {
                return [.. content.Runs.Values];
            }
        }
    }

    /// <summary>
    /// Starts a new recording on top of Runs another Experiment already holds (a resumed test run carries the Runs
    /// that passed in its checkpoint): the records are taken as stored — same run ids, parameters, statuses and the
    /// same payload blobs by digest, nothing re-encoded — and journalled at once, so a crash from here on keeps them.
    /// <paramref name="subject"/> (the checkpoint) becomes the manifest's <c>subject</c>; new Runs get ids from
    /// <paramref name="nextRunId"/> on, so no id of the source is reused.
    /// </summary>
    /// <exception cref="ExperimentStateException">This Experiment already has Runs, or is sealed.</exception>
    internal void CarryRuns(IReadOnlyCollection<RunRecord> runs, Descriptor subject, ulong nextRunId)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(subject);
        WriterEntry? line = null;
        lock (gate)
        {
            EnsureUnsealed();
            if (content.Runs.Count > 0 || openRuns > 0 || this.nextRunId > 0)
            {
                throw new ExperimentStateException("Runs can only be carried into an Experiment before its first Run");
            }

            var delta = AnnotationsOnly();
            delta.Subject = subject;
            foreach (var run in runs)
            {
                delta.Runs[run.Id] = run;
            }

            // Leased before they become reachable from this recording, so GC keeps them even if the source goes.
            Lease?.Register(delta.BlobDigests());
            foreach (var run in runs)
            {
                content.Runs[run.Id] = run;
                foreach (var (name, value) in run.Parameters)
                {
                    Columns.TryClaim(name, value.Kind);
                }
            }

            content.Subject = subject;
            journal!.Subject = subject;
            this.nextRunId = Math.Max(nextRunId, content.NextRunId);
            autosaveBaseline = content.Runs.Count;
            if (durableRuns && runs.Count > 0)
            {
                line = writer!.Enqueue(new WriterEntry { Line = delta });
            }
        }

        if (line is not null)
        {
            writer!.WaitFor(line);
        }
    }
}
