using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments.Format;

/// <summary>The recorded state of an Experiment: attachments, closed runs, annotations, lineage.</summary>
internal sealed class ExperimentContent
{
    public SortedDictionary<string, Attachment> Attachments { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<ulong, RunRecord> Runs { get; init; } = [];

    public SortedDictionary<string, string> Annotations { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The parent manifest (fork) or checkpoint manifest (restore); written as <c>subject</c>.</summary>
    public Descriptor? Subject { get; set; }

    public ulong NextRunId => Runs.Count == 0 ? 0 : Runs.Keys.Max() + 1;

    /// <summary>Every blob the content references (payloads, traces, solves, the subject manifest).</summary>
    public IEnumerable<Digest> BlobDigests()
    {
        var attachments = Attachments.Values.Concat(Runs.Values.SelectMany(r => r.Attachments.Values)).Select(a => a.Stored.Digest);
        var solves = Runs.Values.SelectMany(r => r.Solves.Concat(r.Samplings))
            .SelectMany(s => new[] { s.Input, s.Output, s.Diagnostics }).OfType<Descriptor>().Select(d => d.Digest);
        var traces = Runs.Values.Select(r => r.Trace).OfType<Descriptor>().Select(d => d.Digest);
        var subject = Subject is { } s ? new[] { s.Digest } : [];
        return attachments.Concat(solves).Concat(traces).Concat(subject).Distinct();
    }

    public ExperimentContent Clone() => new()
    {
        Attachments = new SortedDictionary<string, Attachment>(Attachments, StringComparer.Ordinal),
        Runs = new SortedDictionary<ulong, RunRecord>(Runs.ToDictionary(p => p.Key, p => p.Value.Clone())),
        Annotations = new SortedDictionary<string, string>(Annotations, StringComparer.Ordinal),
        Subject = Subject,
    };
}
