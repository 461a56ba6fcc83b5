using Google.Protobuf;
using Ommx.Integration.Model.Wire;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Model;

/// <summary>
/// An Instance whose functions also use <see cref="Parameter"/>s; <see cref="WithParameters"/> substitutes
/// values for all of them and gives an <see cref="Instance"/>. Validated like an Instance (every id
/// declared, as a variable or a parameter; parameter ids never collide with variable ids).
/// </summary>
public sealed class ParametricInstance
{
    private readonly Instance _shadow;
    private readonly HashSet<ulong> _parameterIds;
    private readonly Protos.V1.ParametricInstance? _source;

    internal ParametricInstance(InstanceParts parts, IReadOnlyList<Parameter> parameters, double atol, Protos.V1.ParametricInstance? source)
    {
        _source = source;
        _parameterIds = [];
        var variableIds = parts.DecisionVariables.Select(v => v.Id).ToHashSet();
        foreach (var parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter);
            if (!_parameterIds.Add(parameter.Id))
            {
                throw new ModelFormatException($"Parameter id {parameter.Id} is declared more than once");
            }

            if (variableIds.Contains(parameter.Id))
            {
                throw new ModelFormatException($"Parameter id {parameter.Id} is also a decision variable id (they share one id space)");
            }
        }

        foreach (var (id, _) in parts.Dependencies)
        {
            if (_parameterIds.Contains(id))
            {
                throw new ModelFormatException($"Parameter {id} cannot be a dependent variable");
            }
        }

        // Validate with the Instance rules, parameters standing in as unbounded continuous variables.
        var shadow = new InstanceParts { Sense = parts.Sense, Objective = parts.Objective, Description = parts.Description };
        shadow.DecisionVariables.AddRange(parts.DecisionVariables);
        shadow.DecisionVariables.AddRange(parameters.Select(p => new DecisionVariable(p.Id, VariableKind.Continuous, Bound.Unbounded)));
        shadow.Constraints.AddRange(parts.Constraints);
        shadow.RemovedConstraints.AddRange(parts.RemovedConstraints);
        shadow.Dependencies.AddRange(parts.Dependencies);
        shadow.NamedFunctions.AddRange(parts.NamedFunctions);
        shadow.Annotations.AddRange(parts.Annotations);
        _shadow = new Instance(shadow, atol, source: null);
        Parameters = [.. parameters.OrderBy(p => p.Id)];
        DecisionVariables = [.. _shadow.DecisionVariables.Where(v => !_parameterIds.Contains(v.Id))];
    }

    /// <summary>The layer media type this library writes: <c>application/org.ommx.v1.parametric-instance</c>.</summary>
    public static string MediaType => MediaTypes.ParametricInstanceV1;

    /// <summary>The parameters, by ascending id.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public ObjectiveSense Sense => _shadow.Sense;

    public Function Objective => _shadow.Objective;

    /// <summary>The decision variables (not the parameters), by ascending id.</summary>
    public IReadOnlyList<DecisionVariable> DecisionVariables { get; }

    public IReadOnlyList<Constraint> Constraints => _shadow.Constraints;

    public IReadOnlyList<RemovedConstraint> RemovedConstraints => _shadow.RemovedConstraints;

    public IReadOnlyDictionary<ulong, Function> DecisionVariableDependency => _shadow.DecisionVariableDependency;

    public IReadOnlyList<NamedFunction> NamedFunctions => _shadow.NamedFunctions;

    public InstanceDescription? Description => _shadow.Description;

    public IReadOnlyDictionary<string, string> Annotations => _shadow.Annotations;

    /// <summary>Builds a validated ParametricInstance (constraints without an id are numbered as in <see cref="Instance.Create"/>).</summary>
    public static ParametricInstance Create(
        ObjectiveSense sense,
        Function objective,
        IEnumerable<DecisionVariable> decisionVariables,
        IEnumerable<Parameter> parameters,
        IEnumerable<Constraint>? constraints = null,
        IEnumerable<RemovedConstraint>? removedConstraints = null,
        IEnumerable<KeyValuePair<ulong, Function>>? decisionVariableDependency = null,
        IEnumerable<NamedFunction>? namedFunctions = null,
        InstanceDescription? description = null,
        IEnumerable<KeyValuePair<string, string>>? annotations = null)
    {
        var parts = InstanceParts.FromArguments(sense, objective, decisionVariables, constraints, removedConstraints, decisionVariableDependency, namedFunctions, description, annotations);
        ArgumentNullException.ThrowIfNull(parameters);
        return new ParametricInstance(parts, [.. parameters], Tolerance.Default, source: null);
    }

    /// <summary>Reads an <c>ommx.v1.ParametricInstance</c> message.</summary>
    /// <exception cref="ModelFormatException">Malformed, or breaks OMMX's rules.</exception>
    public static ParametricInstance FromBytes(ReadOnlySpan<byte> bytes)
    {
        var proto = Instance.Parse(Protos.V1.ParametricInstance.Parser, bytes, "ParametricInstance");
        var (parts, parameters) = ParametricInstanceCodec.ReadV1(proto);
        return new ParametricInstance(parts, parameters, Tolerance.Default, proto);
    }

    /// <summary>Reads an <c>ommx.v2.ParametricInstance</c> message (what OMMX 3.0 writes).</summary>
    public static ParametricInstance FromV2Bytes(ReadOnlySpan<byte> bytes)
    {
        var proto = Instance.Parse(Protos.V2.ParametricInstance.Parser, bytes, "v2 ParametricInstance");
        var (parts, parameters) = ParametricInstanceCodec.ReadV2(proto);
        return new ParametricInstance(parts, parameters, Tolerance.Default, source: null);
    }

    /// <summary>Reads a ParametricInstance layer, choosing the encoding from its media type (v1 or v2).</summary>
    public static ParametricInstance FromLayer(string mediaType, ReadOnlySpan<byte> bytes) => mediaType switch
    {
        MediaTypes.ParametricInstanceV1 => FromBytes(bytes),
        MediaTypes.ParametricInstanceV2 => FromV2Bytes(bytes),
        _ => throw new ModelFormatException($"A layer of media type {mediaType} is not a ParametricInstance (expected {MediaTypes.ParametricInstanceV1} or {MediaTypes.ParametricInstanceV2})"),
    };

    /// <summary>The <c>ommx.v1.ParametricInstance</c> bytes (exactly the bytes read, if read from v1).</summary>
    public byte[] ToBytes() => (_source ?? ParametricInstanceCodec.WriteV1(this)).ToByteArray();

    internal byte[] ToCanonicalBytes() => ParametricInstanceCodec.WriteV1(this).ToByteArray();

    /// <summary>
    /// Substitutes <paramref name="values"/> (parameter id → value) into the objective, every active and
    /// removed constraint, named function and dependency, and returns the Instance; its
    /// <see cref="Instance.Parameters"/> records the values.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter has no value, a value is not finite, or an id is not a parameter.</exception>
    public Instance WithParameters(IReadOnlyDictionary<ulong, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = Parameters.Where(p => !values.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"No value for parameter{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}", nameof(values));
        }

        foreach (var (id, value) in values)
        {
            if (!_parameterIds.Contains(id))
            {
                throw new ArgumentException($"Id {id} is not a parameter of this instance", nameof(values));
            }

            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Parameter {id} has the non-finite value {value}", nameof(values));
            }
        }

        var parts = new InstanceParts
        {
            Sense = Sense,
            Objective = Objective.PartialEvaluate(values),
            Description = Description,
            Parameters = [.. values.OrderBy(p => p.Key)],
        };
        parts.DecisionVariables.AddRange(DecisionVariables);
        parts.Constraints.AddRange(Constraints.Select(c => c.WithFunction(c.Function.PartialEvaluate(values))));
        parts.RemovedConstraints.AddRange(RemovedConstraints.Select(r =>
            new RemovedConstraint(r.Constraint.WithFunction(r.Constraint.Function.PartialEvaluate(values)), r.Reason) { ReasonParameters = r.ReasonParameters }));
        parts.Dependencies.AddRange(DecisionVariableDependency.Select(d => new KeyValuePair<ulong, Function>(d.Key, d.Value.PartialEvaluate(values))));
        parts.NamedFunctions.AddRange(NamedFunctions.Select(f => f.WithFunction(f.Function.PartialEvaluate(values))));
        parts.Annotations.AddRange(Annotations);
        return new Instance(parts, Tolerance.Default, source: null);
    }
}
