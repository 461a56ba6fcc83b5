using Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v2.Instance</c> → <see cref="InstanceParts"/> (read only: this library writes v1).</summary>
internal static class InstanceV2Codec
{
    public static InstanceParts Read(Protos.V2.Instance proto)
    {
        const string What = "v2 Instance";
        CheckFeatures(proto.RequiredFeatures, proto.IndicatorConstraints, proto.OneHotConstraints, proto.Sos1Constraints, What);
        var parts = new InstanceParts();
        ReadBody(
            parts,
            proto.Sense,
            proto.Description,
            proto.DecisionVariables,
            proto.Objective,
            proto.RegularConstraints,
            proto.DecisionVariableDependency,
            proto.NamedFunctions,
            proto.Annotations,
            What);
        if (proto.Parameters is { } parameters)
        {
            parts.Parameters = [.. parameters.Entries];
        }

        return parts;
    }

    public static void CheckFeatures(
        Google.Protobuf.Collections.RepeatedField<Feature> required,
        IndicatorConstraintCollection? indicator,
        OneHotConstraintCollection? oneHot,
        Sos1ConstraintCollection? sos1,
        string what) =>
        V2Features.Check(
            required,
            what,
            ("indicator constraints", (indicator?.Active.Count ?? 0) + (indicator?.Removed.Count ?? 0)),
            ("one-hot constraints", (oneHot?.Active.Count ?? 0) + (oneHot?.Removed.Count ?? 0)),
            ("SOS1 constraints", (sos1?.Active.Count ?? 0) + (sos1?.Removed.Count ?? 0)));

    /// <summary>The fields v2 Instance and ParametricInstance share (under different field numbers).</summary>
    public static void ReadBody(
        InstanceParts parts,
        Protos.V1.Instance.Types.Sense sense,
        Protos.V1.Instance.Types.Description? description,
        DecisionVariableTable? table,
        Protos.V1.Function? objective,
        RegularConstraintCollection? constraints,
        IEnumerable<KeyValuePair<ulong, Protos.V1.Function>> dependencies,
        NamedFunctionTable? named,
        IEnumerable<KeyValuePair<string, string>> annotations,
        string what)
    {
        if (sense is not (Protos.V1.Instance.Types.Sense.Minimize or Protos.V1.Instance.Types.Sense.Maximize))
        {
            throw new ModelFormatException($"{what} has sense {(int)sense}; v2 requires MINIMIZE or MAXIMIZE");
        }

        if (table is null)
        {
            throw new ModelFormatException($"{what} has no decision_variables table");
        }

        parts.Sense = (ObjectiveSense)(int)sense;
        parts.Objective = FunctionCodec.Read(objective, $"{what} objective");
        parts.Description = description is null ? null : InstanceV1Codec.ReadDescription(description);
        foreach (var id in table.FixedValues.Keys)
        {
            if (!table.Entries.ContainsKey(id))
            {
                throw new UndefinedVariableException(id, "decision_variables.fixed_values");
            }
        }

        foreach (var (id, row) in table.Entries)
        {
            var variable = ReadVariable(id, row.Kind, row.Bound, table.Labels, what);
            parts.DecisionVariables.Add(table.FixedValues.TryGetValue(id, out var fixedValue) ? variable.WithSubstitutedValue(fixedValue) : variable);
        }

        if (constraints is not null)
        {
            foreach (var (id, row) in constraints.Active)
            {
                parts.Constraints.Add(ReadConstraint(id, row, constraints));
            }

            foreach (var (id, row) in constraints.Removed)
            {
                var reason = constraints.RemovedReasons.TryGetValue(id, out var r) ? r : null;
                parts.RemovedConstraints.Add(new RemovedConstraint(ReadConstraint(id, row, constraints), reason?.Reason ?? string.Empty)
                {
                    ReasonParameters = reason is null ? System.Collections.Immutable.ImmutableDictionary<string, string>.Empty : Labels.ReadMap(reason.Parameters),
                });
            }
        }

        foreach (var (id, function) in dependencies)
        {
            parts.Dependencies.Add(new(id, FunctionCodec.Read(function, $"{what}: dependency of decision variable {id}")));
        }

        if (named is not null)
        {
            foreach (var (id, row) in named.Entries)
            {
                var label = V2Label.Of(named.Labels.TryGetValue(id, out var l) ? l : null);
                parts.NamedFunctions.Add(new NamedFunction(id, FunctionCodec.Read(row.Function, $"{what}: named function {id}"))
                {
                    Name = label.Name,
                    Subscripts = label.Subscripts,
                    Parameters = label.Parameters,
                    Description = label.Description,
                });
            }
        }

        parts.Annotations.AddRange(annotations);
    }

    public static Model.DecisionVariable ReadVariable(
        ulong id, Protos.V1.DecisionVariable.Types.Kind kind, Protos.V1.Bound? bound, Google.Protobuf.Collections.MapField<ulong, ModelingLabel> labels, string what)
    {
        var modelKind = kind switch
        {
            Protos.V1.DecisionVariable.Types.Kind.Unspecified => throw new ModelFormatException($"{what}: decision variable {id} has kind UNSPECIFIED"),
            var k when Enum.IsDefined((VariableKind)(int)k) => (VariableKind)(int)k,
            var k => throw new ModelFormatException($"{what}: decision variable {id} has an unknown kind {(int)k}"),
        };
        if (bound is null)
        {
            throw new ModelFormatException($"{what}: decision variable {id} has no bound (v2 requires one)");
        }

        var label = V2Label.Of(labels.TryGetValue(id, out var l) ? l : null);
        return new Model.DecisionVariable(id, modelKind, new Bound(bound.Lower, bound.Upper))
        {
            Name = label.Name,
            Subscripts = label.Subscripts,
            Parameters = label.Parameters,
            Description = label.Description,
        };
    }

    private static Model.Constraint ReadConstraint(ulong id, RegularConstraint row, RegularConstraintCollection collection)
    {
        var context = $"v2 constraint {id}";
        var label = V2Label.Of(collection.Contexts.TryGetValue(id, out var c) ? c.Label : null);
        return new Model.Constraint(FunctionCodec.Read(row.Function, context), InstanceV1Codec.ReadEquality(row.Equality, context))
        {
            Id = id,
            Name = label.Name,
            Subscripts = label.Subscripts,
            Parameters = label.Parameters,
            Description = label.Description,
        };
    }
}
