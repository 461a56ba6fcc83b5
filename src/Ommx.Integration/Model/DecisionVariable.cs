using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>
/// A decision variable: id, kind, bound and labels (name, subscripts, parameters, description). A
/// variable with a <see cref="SubstitutedValue"/> is fixed. Immutable; arithmetic on variables builds
/// <see cref="Function"/>s, comparisons build <see cref="Constraint"/>s.
/// </summary>
public sealed partial class DecisionVariable
{
    public DecisionVariable(ulong id, VariableKind kind, Bound bound)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown variable kind.");
        }

        Id = id;
        Kind = kind;
        Bound = bound;
    }

    public ulong Id { get; }

    public VariableKind Kind { get; }

    public Bound Bound { get; init; }

    /// <summary>The name shared by a family of variables, e.g. <c>x</c> for <c>x[1,3]</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The position within the family, e.g. <c>[1, 3]</c> for <c>x[1,3]</c>.</summary>
    public ImmutableArray<long> Subscripts { get; init; } = [];

    /// <summary>Free-form string metadata.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Description { get; init; }

    /// <summary>In an Instance: the value the variable is fixed to. In a Solution: the variable's value.</summary>
    public double? SubstitutedValue { get; init; }

    /// <summary>A binary (0/1) variable.</summary>
    public static DecisionVariable Binary(ulong id, string? name = null, params long[] subscripts) =>
        new(id, VariableKind.Binary, Bound.ZeroOne) { Name = name, Subscripts = [.. subscripts] };

    /// <summary>An integer variable in [lower, upper].</summary>
    public static DecisionVariable Integer(ulong id, double lower, double upper, string? name = null, params long[] subscripts) =>
        new(id, VariableKind.Integer, new Bound(lower, upper)) { Name = name, Subscripts = [.. subscripts] };

    /// <summary>A continuous variable in [lower, upper] (use infinities for open sides).</summary>
    public static DecisionVariable Continuous(ulong id, double lower, double upper, string? name = null, params long[] subscripts) =>
        new(id, VariableKind.Continuous, new Bound(lower, upper)) { Name = name, Subscripts = [.. subscripts] };

    /// <summary>A variable that is 0 or an integer in [lower, upper].</summary>
    public static DecisionVariable SemiInteger(ulong id, double lower, double upper, string? name = null, params long[] subscripts) =>
        new(id, VariableKind.SemiInteger, new Bound(lower, upper)) { Name = name, Subscripts = [.. subscripts] };

    /// <summary>A variable that is 0 or a real number in [lower, upper].</summary>
    public static DecisionVariable SemiContinuous(ulong id, double lower, double upper, string? name = null, params long[] subscripts) =>
        new(id, VariableKind.SemiContinuous, new Bound(lower, upper)) { Name = name, Subscripts = [.. subscripts] };

    /// <summary>This variable as the function <c>x[id]</c>.</summary>
    public Function ToFunction() => Function.Variable(Id);

    /// <summary>A copy with another bound.</summary>
    public DecisionVariable WithBound(Bound bound) => Copy(bound, SubstitutedValue);

    /// <summary>A copy fixed to <paramref name="value"/> (or unfixed with <see langword="null"/>).</summary>
    public DecisionVariable WithSubstitutedValue(double? value) => Copy(Bound, value);

    /// <summary>E.g. <c>x[1,3]</c>, or <c>x12</c> for a variable without a name.</summary>
    public override string ToString() =>
        Name is null ? $"x{Id}" : Subscripts.IsEmpty ? Name : $"{Name}[{string.Join(",", Subscripts)}]";

    private DecisionVariable Copy(Bound bound, double? substitutedValue) => new(Id, Kind, bound)
    {
        Name = Name,
        Subscripts = Subscripts,
        Parameters = Parameters,
        Description = Description,
        SubstitutedValue = substitutedValue,
    };
}
