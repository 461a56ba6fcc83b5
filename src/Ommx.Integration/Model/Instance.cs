using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>
/// An optimization problem: decision variables, an objective to minimize or maximize, constraints
/// (active and removed), dependent variables and named functions. Immutable and always valid: every
/// id a function uses is declared, ids are unique, bounds are normalized as OMMX normalizes them.
/// Build one with <see cref="Create"/>, read one with <see cref="FromBytes"/> (v1) or
/// <see cref="FromLayer"/>, evaluate a state with <see cref="Evaluate"/>.
/// </summary>
public sealed partial class Instance
{
    private readonly Dictionary<ulong, int> _variableIndex;
    private readonly Dictionary<ulong, Constraint> _constraintIndex;

    public ObjectiveSense Sense { get; }

    public Function Objective { get; }

    /// <summary>All decision variables, by ascending id.</summary>
    public IReadOnlyList<DecisionVariable> DecisionVariables { get; }

    /// <summary>The active constraints, by ascending id.</summary>
    public IReadOnlyList<Constraint> Constraints { get; }

    /// <summary>The removed constraints, by ascending id.</summary>
    public IReadOnlyList<RemovedConstraint> RemovedConstraints { get; }

    /// <summary>Dependent variable id → the function of other variables that defines it.</summary>
    public IReadOnlyDictionary<ulong, Function> DecisionVariableDependency { get; }

    /// <summary>Named functions, by ascending id.</summary>
    public IReadOnlyList<NamedFunction> NamedFunctions { get; }

    public InstanceDescription? Description { get; }

    /// <summary>User annotations (keys never start with <c>org.ommx.v1.</c>).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>The parameter values this Instance was instantiated with from a parametric instance, if any.</summary>
    public IReadOnlyDictionary<ulong, double>? Parameters { get; }

    /// <summary>
    /// Builds a validated Instance. Constraints without an id are numbered after the largest given id,
    /// in order. Bounds are normalized with the default tolerance (integer kinds rounded inward).
    /// </summary>
    /// <exception cref="ModelFormatException">An id is undeclared or repeated, a bound is invalid, a dependency is cyclic, ...</exception>
    public static Instance Create(
        ObjectiveSense sense,
        Function objective,
        IEnumerable<DecisionVariable> decisionVariables,
        IEnumerable<Constraint>? constraints = null,
        IEnumerable<RemovedConstraint>? removedConstraints = null,
        IEnumerable<KeyValuePair<ulong, Function>>? decisionVariableDependency = null,
        IEnumerable<NamedFunction>? namedFunctions = null,
        InstanceDescription? description = null,
        IEnumerable<KeyValuePair<string, string>>? annotations = null,
        IEnumerable<KeyValuePair<ulong, double>>? parameters = null)
    {
        var parts = InstanceParts.FromArguments(sense, objective, decisionVariables, constraints, removedConstraints, decisionVariableDependency, namedFunctions, description, annotations);
        parts.Parameters = parameters?.ToList();
        return new Instance(parts, Tolerance.Default, source: null);
    }

    /// <summary>The variable with this id.</summary>
    /// <exception cref="KeyNotFoundException">No such variable.</exception>
    public DecisionVariable GetDecisionVariable(ulong id) =>
        _variableIndex.TryGetValue(id, out var index)
            ? DecisionVariables[index]
            : throw new KeyNotFoundException($"The Instance has no decision variable {id}");

    public bool TryGetDecisionVariable(ulong id, out DecisionVariable? variable)
    {
        var found = _variableIndex.TryGetValue(id, out var index);
        variable = found ? DecisionVariables[index] : null;
        return found;
    }

    /// <summary>The active constraint with this id.</summary>
    /// <exception cref="KeyNotFoundException">No such active constraint.</exception>
    public Constraint GetConstraint(ulong id) =>
        _constraintIndex.TryGetValue(id, out var constraint)
            ? constraint
            : throw new KeyNotFoundException($"The Instance has no active constraint {id}");

    /// <summary>The variables named <paramref name="name"/>, by subscripts (e.g. all <c>x[i,j]</c>).</summary>
    public IReadOnlyList<DecisionVariable> DecisionVariablesNamed(string name) =>
        [.. DecisionVariables.Where(v => v.Name == name)];

    /// <summary>The ids used by the objective and the active constraints, ascending.</summary>
    public ImmutableArray<ulong> UsedDecisionVariableIds => Compiled.UsedIds;
}
