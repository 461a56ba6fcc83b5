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
}
