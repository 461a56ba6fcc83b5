using Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v2.Instance</c> → <see cref="InstanceParts"/> (read only: this library writes v1).</summary>
internal static class InstanceV2Codec
{
    public static InstanceParts Read(Protos.V2.Instance proto)
    {
        const string What = "v2 Instance";
        V2Features.Check(
            proto.RequiredFeatures,
            What,
            ("indicator constraints", (proto.IndicatorConstraints?.Active.Count ?? 0) + (proto.IndicatorConstraints?.Removed.Count ?? 0)),
            ("one-hot constraints", (proto.OneHotConstraints?.Active.Count ?? 0) + (proto.OneHotConstraints?.Removed.Count ?? 0)),
            ("SOS1 constraints", (proto.Sos1Constraints?.Active.Count ?? 0) + (proto.Sos1Constraints?.Removed.Count ?? 0)));

        if (proto.Sense is not (Protos.V1.Instance.Types.Sense.Minimize or Protos.V1.Instance.Types.Sense.Maximize))
        {
            throw new ModelFormatException($"{What} has sense {(int)proto.Sense}; v2 requires MINIMIZE or MAXIMIZE");
        }

        var table = proto.DecisionVariables ?? throw new ModelFormatException($"{What} has no decision_variables table");
        var parts = new InstanceParts
        {
            Sense = (ObjectiveSense)(int)proto.Sense,
            Objective = FunctionCodec.Read(proto.Objective, $"{What} objective"),
        };
        if (proto.Description is { } description)
        {
            parts.Description = InstanceV1Codec.ReadDescription(description);
        }

        foreach (var (id, row) in table.Entries)
        {
            parts.DecisionVariables.Add(ReadVariable(id, row.Kind, row.Bound, table.Labels, What));
        }

        foreach (var id in table.FixedValues.Keys)
        {
            if (!table.Entries.ContainsKey(id))
            {
                throw new UndefinedVariableException(id, "decision_variables.fixed_values");
            }
        }

        for (var i = 0; i < parts.DecisionVariables.Count; i++)
        {
            var variable = parts.DecisionVariables[i];
            if (table.FixedValues.TryGetValue(variable.Id, out var fixedValue))
            {
                parts.DecisionVariables[i] = variable.WithSubstitutedValue(fixedValue);
            }
        }

        if (proto.RegularConstraints is { } constraints)
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

        foreach (var (id, function) in proto.DecisionVariableDependency)
        {
            parts.Dependencies.Add(new(id, FunctionCodec.Read(function, $"{What}: dependency of decision variable {id}")));
        }

        if (proto.NamedFunctions is { } named)
        {
            foreach (var (id, row) in named.Entries)
            {
                var label = V2Label.Of(named.Labels.TryGetValue(id, out var l) ? l : null);
                parts.NamedFunctions.Add(new NamedFunction(id, FunctionCodec.Read(row.Function, $"{What}: named function {id}"))
                {
                    Name = label.Name,
                    Subscripts = label.Subscripts,
                    Parameters = label.Parameters,
                    Description = label.Description,
                });
            }
        }

        parts.Annotations.AddRange(proto.Annotations);
        if (proto.Parameters is { } parameters)
        {
            parts.Parameters = [.. parameters.Entries];
        }

        return parts;
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
