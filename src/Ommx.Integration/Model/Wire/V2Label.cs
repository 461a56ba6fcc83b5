using System.Collections.Immutable;
using Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Model.Wire;

/// <summary>The labels of a v2 row (kept in a side map keyed by id), absent = no labels.</summary>
internal readonly record struct V2Label(string? Name, ImmutableArray<long> Subscripts, IReadOnlyDictionary<string, string> Parameters, string? Description)
{
    public static V2Label Of(ModelingLabel? label) => label is null
        ? new(null, [], ImmutableDictionary<string, string>.Empty, null)
        : new(
            label.HasName ? label.Name : null,
            Labels.ReadSubscripts(label.Subscripts),
            Labels.ReadMap(label.Parameters),
            label.HasDescription ? label.Description : null);
}
