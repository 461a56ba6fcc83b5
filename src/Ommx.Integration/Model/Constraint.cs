using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>
/// <c>f(x) = 0</c> or <c>f(x) ≤ 0</c>, with an id and labels. Comparison operators build one without
/// an id (<c>3 * x[0] + 2 * x[1] &lt;= 10</c>); <see cref="Instance.Create"/> numbers those that have
/// none. Immutable: <c>WithId</c>, <c>WithName</c> return copies.
/// </summary>
public sealed class Constraint
{
    public Constraint(Function function, ConstraintEquality equality)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!Enum.IsDefined(equality))
        {
            throw new ArgumentOutOfRangeException(nameof(equality), equality, "Unknown constraint equality.");
        }

        Function = function;
        Equality = equality;
    }

    /// <summary>The id; <see langword="null"/> until it is given one (always set inside an Instance).</summary>
    public ulong? Id { get; init; }

    public Function Function { get; }

    public ConstraintEquality Equality { get; }

    public string? Name { get; init; }

    public ImmutableArray<long> Subscripts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Description { get; init; }

    /// <summary>OMMX's test: equality <c>|f| &lt; atol</c>, inequality <c>f &lt; atol</c> (both strict).</summary>
    public static bool IsSatisfied(ConstraintEquality equality, double value, double atol) =>
        equality == ConstraintEquality.EqualToZero ? Math.Abs(value) < atol : value < atol;

    public Constraint WithId(ulong id) => Copy(id, Name, Subscripts);

    public Constraint WithName(string? name, params long[] subscripts) => Copy(Id, name, [.. subscripts]);

    /// <summary>A copy with another function (same id, equality and labels).</summary>
    internal Constraint WithFunction(Function function) => new(function, Equality)
    {
        Id = Id,
        Name = Name,
        Subscripts = Subscripts,
        Parameters = Parameters,
        Description = Description,
    };

    public override string ToString() =>
        $"{(Name is null ? $"c{Id}" : Name)}: {Function} {(Equality == ConstraintEquality.EqualToZero ? "=" : "<=")} 0";

    private Constraint Copy(ulong? id, string? name, ImmutableArray<long> subscripts) => new(Function, Equality)
    {
        Id = id,
        Name = name,
        Subscripts = subscripts,
        Parameters = Parameters,
        Description = Description,
    };
}
