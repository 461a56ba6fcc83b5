namespace Ommx.Integration.Model;

/// <summary>
/// The result of evaluating a state against an Instance (<see cref="Instance.Evaluate"/>) or of reading
/// a Solution layer: every variable's value, the objective, every constraint's value and feasibility,
/// and the two OMMX feasibility flags. Solver adapters set <see cref="Optimality"/>,
/// <see cref="Relaxation"/>, dual values and <see cref="Metadata"/>.
/// </summary>
public sealed partial class Solution
{
    private readonly IReadOnlyList<DecisionVariable> _definitions;
    private readonly bool _definitionsNeedValues;
    private readonly IdValueMap _state;
    private IReadOnlyList<DecisionVariable>? _variables;
    private Dictionary<ulong, EvaluatedConstraint>? _constraintIndex;
    private Dictionary<string, string> _annotations = new(StringComparer.Ordinal);
    private Optimality _optimality;
    private Relaxation _relaxation;
    private ProcessMetadata? _metadata;

    internal Solution(
        IReadOnlyList<DecisionVariable> definitions,
        IdValueMap state,
        double objective,
        IReadOnlyList<EvaluatedConstraint> evaluatedConstraints,
        IReadOnlyList<EvaluatedNamedFunction> evaluatedNamedFunctions,
        bool feasible,
        bool feasibleRelaxed,
        ObjectiveSense sense,
        bool definitionsCarryValues = false)
    {
        _definitions = definitions;
        _definitionsNeedValues = !definitionsCarryValues;
        _state = state;
        Objective = objective;
        EvaluatedConstraints = evaluatedConstraints;
        EvaluatedNamedFunctions = evaluatedNamedFunctions;
        Feasible = feasible;
        FeasibleRelaxed = feasibleRelaxed;
        Sense = sense;
    }

    /// <summary>Variable id → value (for an evaluated Solution: every declared variable).</summary>
    public IReadOnlyDictionary<ulong, double> State => _state;

    public double Objective { get; }

    /// <summary>The decision variables, each with <see cref="DecisionVariable.SubstitutedValue"/> = its value.</summary>
    public IReadOnlyList<DecisionVariable> DecisionVariables => _variables ??= _definitionsNeedValues
        ? [.. _definitions.Select(v => _state.TryGetValue(v.Id, out var value) ? v.WithSubstitutedValue(value) : v)]
        : _definitions;

    /// <summary>Active and removed constraints with their values (an evaluated Solution lists them by id).</summary>
    public IReadOnlyList<EvaluatedConstraint> EvaluatedConstraints { get; }

    public IReadOnlyList<EvaluatedNamedFunction> EvaluatedNamedFunctions { get; }

    /// <summary>All constraints, active and removed, hold and every variable is within its bound and kind.</summary>
    public bool Feasible { get; }

    /// <summary>All active constraints hold and every variable is within its bound and kind (removed constraints ignored).</summary>
    public bool FeasibleRelaxed { get; }

    public ObjectiveSense Sense { get; }

    /// <summary>Set by a solver adapter when the solver proves it; evaluation leaves it unspecified.</summary>
    public Optimality Optimality
    {
        get => _optimality;
        set => Change(() => _optimality = value);
    }

    /// <summary>Set by a solver adapter when the Solution comes from a relaxation.</summary>
    public Relaxation Relaxation
    {
        get => _relaxation;
        set => Change(() => _relaxation = value);
    }

    /// <summary>How the Solution was produced (instance digest, solver, parameters, times).</summary>
    public ProcessMetadata? Metadata
    {
        get => _metadata;
        set => Change(() => _metadata = value);
    }

    public IReadOnlyDictionary<string, string> Annotations => _annotations.AsReadOnly();

    /// <summary>The value of variable <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">The Solution has no such variable.</exception>
    public double Value(ulong id)
    {
        if (_state.TryGetValue(id, out var value))
        {
            return value;
        }

        foreach (var variable in _definitions)
        {
            if (variable.Id == id && variable.SubstitutedValue is { } substituted)
            {
                return substituted;
            }
        }

        throw new KeyNotFoundException($"The Solution has no value for variable {id}");
    }

    /// <summary>The evaluated constraint with this id (active or removed).</summary>
    /// <exception cref="KeyNotFoundException">No such constraint.</exception>
    public EvaluatedConstraint GetEvaluatedConstraint(ulong id)
    {
        _constraintIndex ??= EvaluatedConstraints.ToDictionary(c => c.Id);
        return _constraintIndex.TryGetValue(id, out var constraint)
            ? constraint
            : throw new KeyNotFoundException($"The Solution has no constraint {id}");
    }

    /// <summary>Records the dual value a solver reported for constraint <paramref name="constraintId"/>.</summary>
    public void SetDualVariable(ulong constraintId, double value)
    {
        var constraint = GetEvaluatedConstraint(constraintId);
        Change(() => constraint.DualVariable = value);
    }

    /// <summary>Sets a user annotation (keys starting with <c>org.ommx.v1.</c> are reserved).</summary>
    public void SetAnnotation(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.StartsWith("org.ommx.v1.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Annotation key {key} is reserved (keys starting with org.ommx.v1. are not allowed)", nameof(key));
        }

        Change(() => _annotations[key] = value);
    }

    private void Change(Action change)
    {
        change();
        _source = null;
    }
}
