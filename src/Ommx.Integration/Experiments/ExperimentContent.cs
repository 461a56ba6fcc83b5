using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>The recorded state of an Experiment: attachments, closed runs, annotations, lineage.</summary>
internal sealed class ExperimentContent
{
    public SortedDictionary<string, Attachment> Attachments { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<ulong, RunRecord> Runs { get; init; } = [];

    public SortedDictionary<string, string> Annotations { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The parent manifest (fork) or checkpoint manifest (restore); written as <c>subject</c>.</summary>
    public Descriptor? Subject { get; set; }

    public ulong NextRunId => Runs.Count == 0 ? 0 : Runs.Keys.Max() + 1;

    public ExperimentContent Clone() => new()
    {
        Attachments = new SortedDictionary<string, Attachment>(Attachments, StringComparer.Ordinal),
        Runs = new SortedDictionary<ulong, RunRecord>(Runs.ToDictionary(p => p.Key, p => p.Value.Clone())),
        Annotations = new SortedDictionary<string, string>(Annotations, StringComparer.Ordinal),
        Subject = Subject,
    };
}
