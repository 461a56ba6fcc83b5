using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>A named function's value in every sample, with its labels.</summary>
public sealed class SampledNamedFunction
{
    internal SampledNamedFunction(ulong id, IReadOnlyDictionary<ulong, double> values, ImmutableArray<ulong> usedDecisionVariableIds)
    {
        Id = id;
        Values = values;
        UsedDecisionVariableIds = usedDecisionVariableIds;
    }

    public ulong Id { get; }

    /// <summary>Sample id → value.</summary>
    public IReadOnlyDictionary<ulong, double> Values { get; }

    public ImmutableArray<ulong> UsedDecisionVariableIds { get; }

    public string? Name { get; init; }

    public ImmutableArray<long> Subscripts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Description { get; init; }
}
