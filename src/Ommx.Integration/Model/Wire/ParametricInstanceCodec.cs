using Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v1.ParametricInstance</c> ⇄ model; <c>ommx.v2.ParametricInstance</c> → model.</summary>
internal static class ParametricInstanceCodec
{
    public static (InstanceParts Parts, List<Model.Parameter> Parameters) ReadV1(Protos.V1.ParametricInstance proto)
    {
        if (proto.FormatVersion > InstanceV1Codec.FormatVersion)
        {
            throw new ModelFormatException(
                $"ParametricInstance has format_version {proto.FormatVersion}; this library reads format_version {InstanceV1Codec.FormatVersion}. Upgrade Ommx.Integration to read it.");
        }

        var parts = new InstanceParts { Sense = InstanceV1Codec.ReadSense(proto.Sense) };
        InstanceV1Codec.ReadBody(
            parts,
            proto.Description,
            proto.DecisionVariables,
            proto.Objective,
            proto.Constraints,
            proto.RemovedConstraints,
            proto.DecisionVariableDependency,
            proto.NamedFunctions,
            proto.Annotations,
            "ParametricInstance");
        var parameters = proto.Parameters.Select(p => new Model.Parameter(p.Id)
        {
            Name = p.HasName ? p.Name : null,
            Subscripts = Labels.ReadSubscripts(p.Subscripts),
            Parameters = Labels.ReadMap(p.Parameters),
            Description = p.HasDescription ? p.Description : null,
        }).ToList();
        return (parts, parameters);
    }

    public static Protos.V1.ParametricInstance WriteV1(Model.ParametricInstance instance)
    {
        var proto = new Protos.V1.ParametricInstance
        {
            Objective = FunctionCodec.Write(instance.Objective),
            Sense = (Protos.V1.Instance.Types.Sense)instance.Sense,
            FormatVersion = InstanceV1Codec.FormatVersion,
        };
        if (instance.Description is { } description)
        {
            proto.Description = InstanceV1Codec.WriteDescription(description);
        }

        proto.DecisionVariables.AddRange(instance.DecisionVariables.Select(v => InstanceV1Codec.WriteVariable(v)));
        foreach (var parameter in instance.Parameters)
        {
            var row = new Protos.V1.Parameter { Id = parameter.Id };
            if (parameter.Name is not null)
            {
                row.Name = parameter.Name;
            }

            row.Subscripts.AddRange(parameter.Subscripts);
            Labels.WriteMap(row.Parameters, parameter.Parameters);
            if (parameter.Description is not null)
            {
                row.Description = parameter.Description;
            }

            proto.Parameters.Add(row);
        }

        proto.Constraints.AddRange(instance.Constraints.Select(InstanceV1Codec.WriteConstraint));
        proto.RemovedConstraints.AddRange(instance.RemovedConstraints.Select(InstanceV1Codec.WriteRemoved));
        foreach (var (id, function) in instance.DecisionVariableDependency.OrderBy(p => p.Key))
        {
            proto.DecisionVariableDependency.Add(id, FunctionCodec.Write(function));
        }

        proto.NamedFunctions.AddRange(instance.NamedFunctions.Select(InstanceV1Codec.WriteNamed));
        Labels.WriteMap(proto.Annotations, instance.Annotations);
        return proto;
    }

    public static (InstanceParts Parts, List<Model.Parameter> Parameters) ReadV2(Protos.V2.ParametricInstance proto)
    {
        const string What = "v2 ParametricInstance";
        InstanceV2Codec.CheckFeatures(proto.RequiredFeatures, proto.IndicatorConstraints, proto.OneHotConstraints, proto.Sos1Constraints, What);
        var parts = new InstanceParts();
        InstanceV2Codec.ReadBody(
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
        var table = proto.Parameters ?? new ParameterTable();
        var parameters = table.Ids.Select(id =>
        {
            var label = V2Label.Of(table.Labels.TryGetValue(id, out var l) ? l : null);
            return new Model.Parameter(id) { Name = label.Name, Subscripts = label.Subscripts, Parameters = label.Parameters, Description = label.Description };
        }).ToList();
        return (parts, parameters);
    }
}
