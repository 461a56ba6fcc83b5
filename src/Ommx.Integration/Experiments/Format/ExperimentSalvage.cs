using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// Saves what can still be saved of a recording whose normal restore fails: the journal is read skipping
/// damaged lines (and an unreadable base draft), Runs or attachments whose blobs are gone are dropped, and a
/// run-parameter value whose type the column cannot hold is dropped from its Run (the Run stays). Each loss is
/// described, so the interrupted checkpoint made from the rest can say what it lacks.
/// </summary>
internal static class ExperimentSalvage
{
    /// <summary>The readable part of the journal at <paramref name="journalPath"/>, or <c>null</c> when it holds nothing.</summary>
    public static (ExperimentContent Content, IReadOnlyList<string> Losses)? Read(LocalRegistry registry, string journalPath)
    {
        var losses = new List<string>();
        var replay = ExperimentJournal.Replay(registry, journalPath, losses);
        if (replay is null)
        {
            return null;
        }

        var content = replay.Value.Content;
        content.Subject = replay.Value.Base;
        DropMissingBlobs(registry, content, losses);
        DropConflictingParameters(content, losses);
        return content.Runs.Count == 0 && content.Attachments.Count == 0 ? null : (content, losses);
    }

    private static void DropMissingBlobs(LocalRegistry registry, ExperimentContent content, List<string> losses)
    {
        foreach (var (name, attachment) in content.Attachments.ToList())
        {
            if (!registry.Blobs.Exists(attachment.Stored.Digest))
            {
                content.Attachments.Remove(name);
                losses.Add($"attachment {name}: blob {attachment.Stored.Digest} is missing");
            }
        }

        foreach (var (id, run) in content.Runs.ToList())
        {
            var missing = RunDigests(run).Where(d => !registry.Blobs.Exists(d)).ToList();
            if (missing.Count > 0)
            {
                content.Runs.Remove(id);
                losses.Add($"Run {id.ToString(CultureInfo.InvariantCulture)}: blob {missing[0]} is missing");
            }
        }

        if (content.Subject is { } subject && !registry.Blobs.Exists(subject.Digest))
        {
            content.Subject = null;
        }
    }

    private static IEnumerable<Digest> RunDigests(RunRecord run) =>
        run.Attachments.Values.Select(a => a.Stored.Digest)
            .Concat(run.Solves.Concat(run.Samplings).SelectMany(s => new[] { s.Input, s.Output, s.Diagnostics }).OfType<Descriptor>().Select(d => d.Digest))
            .Concat(run.Trace is { } t ? [t.Digest] : []);

    /// <summary>Keeps the first type each column saw (int64 and float64 mix as a commit mixes them); drops values of another type.</summary>
    private static void DropConflictingParameters(ExperimentContent content, List<string> losses)
    {
        var kinds = new Dictionary<string, RunParameterKind>(StringComparer.Ordinal);
        foreach (var run in content.Runs.Values)
        {
            foreach (var name in run.Parameters.Keys.Order(StringComparer.Ordinal).ToList())
            {
                var kind = run.Parameters[name].Kind;
                if (!kinds.TryGetValue(name, out var column))
                {
                    kinds[name] = kind;
                }
                else if (column != kind && !IsNumeric(column, kind))
                {
                    losses.Add($"Run {run.Id.ToString(CultureInfo.InvariantCulture)}: parameter {name} ({RunParameterValue.TypeName(kind)}) dropped, its column holds {RunParameterValue.TypeName(column)}");
                    run.Parameters.Remove(name);
                }
            }
        }
    }

    private static bool IsNumeric(RunParameterKind a, RunParameterKind b) =>
        a is RunParameterKind.Int64 or RunParameterKind.Float64 && b is RunParameterKind.Int64 or RunParameterKind.Float64;
}
