namespace Ommx.Integration.Model;

/// <summary>The pieces of an Instance before validation (from <see cref="Instance.Create"/> or a decoder).</summary>
internal sealed class InstanceParts
{
    public ObjectiveSense Sense { get; set; } = ObjectiveSense.Minimize;

    public Function Objective { get; set; } = Function.Zero;

    public List<DecisionVariable> DecisionVariables { get; } = [];

    public List<Constraint> Constraints { get; } = [];

    public List<RemovedConstraint> RemovedConstraints { get; } = [];

    public List<KeyValuePair<ulong, Function>> Dependencies { get; } = [];

    public List<NamedFunction> NamedFunctions { get; } = [];

    public InstanceDescription? Description { get; set; }

    public List<KeyValuePair<string, string>> Annotations { get; } = [];

    public List<KeyValuePair<ulong, double>>? Parameters { get; set; }

    /// <summary>The parts of an Instance or ParametricInstance built in code: checks the arguments, copies the collections.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sense"/> neither minimizes nor maximizes.</exception>
    public static InstanceParts FromArguments(
        ObjectiveSense sense,
        Function objective,
        IEnumerable<DecisionVariable> decisionVariables,
        IEnumerable<Constraint>? constraints,
        IEnumerable<RemovedConstraint>? removedConstraints,
        IEnumerable<KeyValuePair<ulong, Function>>? decisionVariableDependency,
        IEnumerable<NamedFunction>? namedFunctions,
        InstanceDescription? description,
        IEnumerable<KeyValuePair<string, string>>? annotations)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(decisionVariables);
        if (sense is not (ObjectiveSense.Minimize or ObjectiveSense.Maximize))
        {
            throw new ArgumentOutOfRangeException(nameof(sense), sense, "An Instance minimizes or maximizes.");
        }

        var parts = new InstanceParts { Sense = sense, Objective = objective, Description = description };
        parts.DecisionVariables.AddRange(decisionVariables);
        parts.Constraints.AddRange(constraints ?? []);
        parts.RemovedConstraints.AddRange(removedConstraints ?? []);
        parts.Dependencies.AddRange(decisionVariableDependency ?? []);
        parts.NamedFunctions.AddRange(namedFunctions ?? []);
        parts.Annotations.AddRange(annotations ?? []);
        return parts;
    }
}
