using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>Everything a closed Run holds, as written into the Experiment config.</summary>
internal sealed class RunRecord
{
    public required ulong Id { get; init; }

    public RunStatus Status { get; set; } = RunStatus.Finished;

    public string? Reason { get; set; }

    public SortedDictionary<string, Attachment> Attachments { get; init; } = new(StringComparer.Ordinal);

    public Descriptor? Trace { get; set; }

    public List<SolveRecord> Solves { get; init; } = [];

    public List<SolveRecord> Samplings { get; init; } = [];

    public Dictionary<string, RunParameterValue> Parameters { get; init; } = new(StringComparer.Ordinal);

    public RunRecord Clone() => new()
    {
        Id = Id,
        Status = Status,
        Reason = Reason,
        Attachments = new SortedDictionary<string, Attachment>(Attachments, StringComparer.Ordinal),
        Trace = Trace,
        Solves = [.. Solves],
        Samplings = [.. Samplings],
        Parameters = new Dictionary<string, RunParameterValue>(Parameters, StringComparer.Ordinal),
    };
}
