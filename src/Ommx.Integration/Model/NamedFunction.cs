using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>A function of the decision variables that is evaluated alongside the objective (e.g. a KPI).</summary>
public sealed class NamedFunction
{
    public NamedFunction(ulong id, Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Id = id;
        Function = function;
    }

    public ulong Id { get; }

    public Function Function { get; }

    public string? Name { get; init; }

    public ImmutableArray<long> Subscripts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Description { get; init; }

    /// <summary>A copy with another function (same id and labels).</summary>
    internal NamedFunction WithFunction(Function function) => new(Id, function)
    {
        Name = Name,
        Subscripts = Subscripts,
        Parameters = Parameters,
        Description = Description,
    };
}
