using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>A named function's value at a Solution's state.</summary>
public sealed class EvaluatedNamedFunction
{
    internal EvaluatedNamedFunction(ulong id, double evaluatedValue, ImmutableArray<ulong> usedDecisionVariableIds)
    {
        Id = id;
        EvaluatedValue = evaluatedValue;
        UsedDecisionVariableIds = usedDecisionVariableIds;
    }

    public ulong Id { get; }

    public double EvaluatedValue { get; }

    public ImmutableArray<ulong> UsedDecisionVariableIds { get; }

    public string? Name { get; init; }

    public ImmutableArray<long> Subscripts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Description { get; init; }

    internal static EvaluatedNamedFunction Of(NamedFunction named, double value) =>
        new(named.Id, value, named.Function.UsedDecisionVariableIds)
        {
            Name = named.Name,
            Subscripts = named.Subscripts,
            Parameters = named.Parameters,
            Description = named.Description,
        };
}
