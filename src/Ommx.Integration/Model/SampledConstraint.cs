using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>A constraint's value and feasibility in every sample, with its labels.</summary>
public sealed class SampledConstraint
{
    internal SampledConstraint(
        ulong id,
        ConstraintEquality equality,
        IReadOnlyDictionary<ulong, double> values,
        IReadOnlyDictionary<ulong, bool> feasible,
        ImmutableArray<ulong> usedDecisionVariableIds)
    {
        Id = id;
        Equality = equality;
        Values = values;
        Feasible = feasible;
        UsedDecisionVariableIds = usedDecisionVariableIds;
    }

    public ulong Id { get; }

    public ConstraintEquality Equality { get; }

    /// <summary>Sample id → <c>f(sample)</c>.</summary>
    public IReadOnlyDictionary<ulong, double> Values { get; }

    /// <summary>Sample id → whether the constraint holds in that sample.</summary>
    public IReadOnlyDictionary<ulong, bool> Feasible { get; }

    public ImmutableArray<ulong> UsedDecisionVariableIds { get; }

    public string? Name { get; init; }

    public ImmutableArray<long> Subscripts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Description { get; init; }

    /// <summary>Why the constraint was removed; <see langword="null"/> for an active constraint.</summary>
    public string? RemovedReason { get; init; }

    public IReadOnlyDictionary<string, string> RemovedReasonParameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public bool IsRemoved => RemovedReason is not null;
}
