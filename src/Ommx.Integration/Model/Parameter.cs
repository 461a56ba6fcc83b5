using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>
/// A placeholder in a <see cref="ParametricInstance"/>'s functions that gets a value when the instance is
/// instantiated. Parameter ids share the id space of decision variables (they must not collide).
/// </summary>
public sealed class Parameter
{
    public Parameter(ulong id) => Id = id;

    public ulong Id { get; }

    public string? Name { get; init; }

    public ImmutableArray<long> Subscripts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Description { get; init; }

    /// <summary>This parameter as the function <c>p[id]</c>, to use in objectives and constraints.</summary>
    public Function ToFunction() => Function.Variable(Id);

    public static implicit operator Function(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.ToFunction();
    }
}
