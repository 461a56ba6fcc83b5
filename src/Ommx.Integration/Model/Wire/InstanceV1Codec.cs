using Ommx.Integration.Model.Protos.V1;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v1.Instance</c> ⇄ <see cref="InstanceParts"/> and back from a validated <see cref="Model.Instance"/>.</summary>
internal static class InstanceV1Codec
{
    /// <summary>The format version this library reads and writes.</summary>
    public const uint FormatVersion = 0;

    public static InstanceParts Read(Protos.V1.Instance proto)
    {
        if (proto.FormatVersion > FormatVersion)
        {
            throw new ModelFormatException(
                $"Instance has format_version {proto.FormatVersion}; this library reads format_version {FormatVersion}. Upgrade Ommx.Integration to read it.");
        }

        var parts = new InstanceParts { Sense = ReadSense(proto.Sense) };
        ReadBody(
            parts,
            proto.Description,
            proto.DecisionVariables,
            proto.Objective,
            proto.Constraints,
            proto.RemovedConstraints,
            proto.DecisionVariableDependency,
            proto.NamedFunctions,
            proto.Annotations,
            "Instance");
        if (proto.Parameters is { } parameters)
        {
            parts.Parameters = [.. parameters.Entries];
        }

        return parts;
    }

    /// <summary>The fields Instance and ParametricInstance share (under different field numbers).</summary>
    public static void ReadBody(
        InstanceParts parts,
        Protos.V1.Instance.Types.Description? description,
        IEnumerable<Protos.V1.DecisionVariable> variables,
        Protos.V1.Function? objective,
        IEnumerable<Protos.V1.Constraint> constraints,
        IEnumerable<Protos.V1.RemovedConstraint> removedConstraints,
        IEnumerable<KeyValuePair<ulong, Protos.V1.Function>> dependencies,
        IEnumerable<Protos.V1.NamedFunction> namedFunctions,
        IEnumerable<KeyValuePair<string, string>> annotations,
        string what)
    {
        parts.Objective = FunctionCodec.Read(objective, $"{what} objective");
        parts.Description = description is null ? null : ReadDescription(description);
        foreach (var variable in variables)
        {
            parts.DecisionVariables.Add(ReadVariable(variable, what));
        }

        foreach (var constraint in constraints)
        {
            parts.Constraints.Add(ReadConstraint(constraint));
        }

        foreach (var removed in removedConstraints)
        {
            var constraint = ReadConstraint(removed.Constraint ?? throw new ModelFormatException($"{what} has a removed constraint without its constraint"));
            parts.RemovedConstraints.Add(new RemovedConstraint(constraint, removed.RemovedReason)
            {
                ReasonParameters = Labels.ReadMap(removed.RemovedReasonParameters),
            });
        }

        foreach (var (id, function) in dependencies)
        {
            parts.Dependencies.Add(new(id, FunctionCodec.Read(function, $"Dependency of decision variable {id}")));
        }

        foreach (var named in namedFunctions)
        {
            parts.NamedFunctions.Add(new NamedFunction(named.Id, FunctionCodec.Read(named.Function, $"Named function {named.Id}"))
            {
                Name = named.HasName ? named.Name : null,
                Subscripts = Labels.ReadSubscripts(named.Subscripts),
                Parameters = Labels.ReadMap(named.Parameters),
                Description = named.HasDescription ? named.Description : null,
            });
        }

        parts.Annotations.AddRange(annotations);
    }

    public static Protos.V1.Instance Write(Model.Instance instance)
    {
        var proto = new Protos.V1.Instance
        {
            Objective = FunctionCodec.Write(instance.Objective),
            Sense = (Protos.V1.Instance.Types.Sense)instance.Sense,
            FormatVersion = FormatVersion,
        };
        if (instance.Description is { } description)
        {
            proto.Description = WriteDescription(description);
        }

        foreach (var variable in instance.DecisionVariables)
        {
            proto.DecisionVariables.Add(WriteVariable(variable));
        }

        foreach (var constraint in instance.Constraints)
        {
            proto.Constraints.Add(WriteConstraint(constraint));
        }

        foreach (var removed in instance.RemovedConstraints)
        {
            proto.RemovedConstraints.Add(WriteRemoved(removed));
        }

        foreach (var (id, function) in instance.DecisionVariableDependency.OrderBy(p => p.Key))
        {
            proto.DecisionVariableDependency.Add(id, FunctionCodec.Write(function));
        }

        foreach (var named in instance.NamedFunctions)
        {
            proto.NamedFunctions.Add(WriteNamed(named));
        }

        Labels.WriteMap(proto.Annotations, instance.Annotations);
        if (instance.Parameters is { } values)
        {
            var parameters = new Parameters();
            foreach (var (id, value) in values.OrderBy(p => p.Key))
            {
                parameters.Entries.Add(id, value);
            }

            proto.Parameters = parameters;
        }

        return proto;
    }

    public static Protos.V1.RemovedConstraint WriteRemoved(Model.RemovedConstraint removed)
    {
        var row = new Protos.V1.RemovedConstraint { Constraint = WriteConstraint(removed.Constraint), RemovedReason = removed.Reason };
        Labels.WriteMap(row.RemovedReasonParameters, removed.ReasonParameters);
        return row;
    }

    public static Protos.V1.NamedFunction WriteNamed(Model.NamedFunction named)
    {
        var row = new Protos.V1.NamedFunction { Id = named.Id, Function = FunctionCodec.Write(named.Function) };
        row.Subscripts.AddRange(named.Subscripts);
        Labels.WriteMap(row.Parameters, named.Parameters);
        if (named.Name is not null)
        {
            row.Name = named.Name;
        }

        if (named.Description is not null)
        {
            row.Description = named.Description;
        }

        return row;
    }

    public static ObjectiveSense ReadSense(Protos.V1.Instance.Types.Sense sense) => sense switch
    {
        Protos.V1.Instance.Types.Sense.Unspecified or Protos.V1.Instance.Types.Sense.Minimize => ObjectiveSense.Minimize,
        Protos.V1.Instance.Types.Sense.Maximize => ObjectiveSense.Maximize,
        _ => throw new ModelFormatException($"Instance has an unknown sense {(int)sense}"),
    };

    public static Model.DecisionVariable ReadVariable(Protos.V1.DecisionVariable proto, string owner)
    {
        var kind = proto.Kind switch
        {
            Protos.V1.DecisionVariable.Types.Kind.Unspecified =>
                throw new ModelFormatException($"{owner}: decision variable {proto.Id} has kind UNSPECIFIED"),
            var k when Enum.IsDefined((VariableKind)(int)k) => (VariableKind)(int)k,
            var k => throw new ModelFormatException($"{owner}: decision variable {proto.Id} has an unknown kind {(int)k}"),
        };

        // An absent bound reads as [0, 0], as OMMX reads it.
        var bound = proto.Bound is { } b ? new Bound(b.Lower, b.Upper) : new Bound(0, 0);
        return new Model.DecisionVariable(proto.Id, kind, bound)
        {
            Name = proto.HasName ? proto.Name : null,
            Subscripts = Labels.ReadSubscripts(proto.Subscripts),
            Parameters = Labels.ReadMap(proto.Parameters),
            Description = proto.HasDescription ? proto.Description : null,
            SubstitutedValue = proto.HasSubstitutedValue ? proto.SubstitutedValue : null,
        };
    }

    public static Protos.V1.DecisionVariable WriteVariable(Model.DecisionVariable variable, double? value = null)
    {
        var proto = new Protos.V1.DecisionVariable
        {
            Id = variable.Id,
            Kind = (Protos.V1.DecisionVariable.Types.Kind)(int)variable.Kind,
            Bound = new Protos.V1.Bound { Lower = variable.Bound.Lower, Upper = variable.Bound.Upper },
        };
        if (variable.Name is not null)
        {
            proto.Name = variable.Name;
        }

        proto.Subscripts.AddRange(variable.Subscripts);
        Labels.WriteMap(proto.Parameters, variable.Parameters);
        if (variable.Description is not null)
        {
            proto.Description = variable.Description;
        }

        if ((value ?? variable.SubstitutedValue) is { } substituted)
        {
            proto.SubstitutedValue = substituted;
        }

        return proto;
    }

    public static ConstraintEquality ReadEquality(Equality equality, string context) => equality switch
    {
        Equality.EqualToZero => ConstraintEquality.EqualToZero,
        Equality.LessThanOrEqualToZero => ConstraintEquality.LessThanOrEqualToZero,
        Equality.Unspecified => throw new ModelFormatException($"{context} has equality UNSPECIFIED"),
        _ => throw new ModelFormatException($"{context} has an unknown equality {(int)equality}"),
    };

    public static Model.Constraint ReadConstraint(Protos.V1.Constraint proto)
    {
        var context = $"Constraint {proto.Id}";
        return new Model.Constraint(FunctionCodec.Read(proto.Function, context), ReadEquality(proto.Equality, context))
        {
            Id = proto.Id,
            Name = proto.HasName ? proto.Name : null,
            Subscripts = Labels.ReadSubscripts(proto.Subscripts),
            Parameters = Labels.ReadMap(proto.Parameters),
            Description = proto.HasDescription ? proto.Description : null,
        };
    }

    public static Protos.V1.Constraint WriteConstraint(Model.Constraint constraint)
    {
        var proto = new Protos.V1.Constraint
        {
            Id = constraint.Id ?? throw new InvalidOperationException("A constraint inside an Instance always has an id."),
            Equality = (Equality)(int)constraint.Equality,
            Function = FunctionCodec.Write(constraint.Function),
        };
        proto.Subscripts.AddRange(constraint.Subscripts);
        Labels.WriteMap(proto.Parameters, constraint.Parameters);
        if (constraint.Name is not null)
        {
            proto.Name = constraint.Name;
        }

        if (constraint.Description is not null)
        {
            proto.Description = constraint.Description;
        }

        return proto;
    }

    public static InstanceDescription ReadDescription(Protos.V1.Instance.Types.Description proto) => new()
    {
        Name = proto.HasName ? proto.Name : null,
        Description = proto.HasDescription_ ? proto.Description_ : null,
        Authors = [.. proto.Authors],
        CreatedBy = proto.HasCreatedBy ? proto.CreatedBy : null,
        Created = proto.HasCreated ? proto.Created : null,
        License = proto.HasLicense ? proto.License : null,
        Dataset = proto.HasDataset ? proto.Dataset : null,
    };

    public static Protos.V1.Instance.Types.Description WriteDescription(InstanceDescription description)
    {
        var proto = new Protos.V1.Instance.Types.Description();
        proto.Authors.AddRange(description.Authors);
        if (description.Name is not null)
        {
            proto.Name = description.Name;
        }

        if (description.Description is not null)
        {
            proto.Description_ = description.Description;
        }

        if (description.CreatedBy is not null)
        {
            proto.CreatedBy = description.CreatedBy;
        }

        if (description.Created is not null)
        {
            proto.Created = description.Created;
        }

        if (description.License is not null)
        {
            proto.License = description.License;
        }

        if (description.Dataset is not null)
        {
            proto.Dataset = description.Dataset;
        }

        return proto;
    }
}
