using Ommx.Integration.Model.Protos.V1;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v1.SampleSet</c> ⇄ <see cref="Model.SampleSet"/>, with OMMX's read-time checks.</summary>
internal static class SampleSetV1Codec
{
    public static Model.SampleSet Read(Protos.V1.SampleSet proto, double atol)
    {
        if (proto.FormatVersion > InstanceV1Codec.FormatVersion)
        {
            throw new ModelFormatException(
                $"SampleSet has format_version {proto.FormatVersion}; this library reads format_version {InstanceV1Codec.FormatVersion}. Upgrade Ommx.Integration to read it.");
        }

        var objectives = SampledValuesCodec.Read(proto.Objectives, "SampleSet objectives");
        var sampleIds = objectives.Keys.ToHashSet();

        var variables = new List<Model.SampledDecisionVariable>(proto.DecisionVariables.Count);
        foreach (var row in proto.DecisionVariables)
        {
            var definition = row.DecisionVariable ?? throw new ModelFormatException("SampleSet has a sampled decision variable without its decision_variable");
            var variable = InstanceV1Codec.ReadVariable(definition, "SampleSet");
            variable = variable.WithBound(VariableRules.Normalize(variable.Id, variable.Kind, variable.Bound, atol));
            var context = $"SampleSet decision variable {variable.Id}";
            var samples = SampledValuesCodec.Read(row.Samples, context);
            SampledValuesCodec.CheckSameIds(samples.Keys, sampleIds, context);
            variables.Add(new Model.SampledDecisionVariable(variable, samples));
        }

        var constraints = new List<Model.SampledConstraint>(proto.Constraints.Count);
        foreach (var row in proto.Constraints)
        {
            var context = $"SampleSet constraint {row.Id}";
            var equality = InstanceV1Codec.ReadEquality(row.Equality, context);
            var values = SampledValuesCodec.Read(row.EvaluatedValues, context);
            SampledValuesCodec.CheckSameIds(values.Keys, sampleIds, context);
            SampledValuesCodec.CheckSameIds(row.Feasible.Keys, sampleIds, $"{context} feasible map");
            foreach (var (id, stored) in row.Feasible)
            {
                if (stored != Model.Constraint.IsSatisfied(equality, values[id], atol))
                {
                    throw new ModelFormatException(FormattableString.Invariant(
                        $"{context} says sample {id} is {(stored ? "feasible" : "infeasible")} but its value {values[id]} gives the opposite (atol {atol})"));
                }
            }

            constraints.Add(new Model.SampledConstraint(row.Id, equality, values, new Dictionary<ulong, bool>(row.Feasible).AsReadOnly(), [.. row.UsedDecisionVariableIds])
            {
                Name = row.HasName ? row.Name : null,
                Subscripts = Labels.ReadSubscripts(row.Subscripts),
                Parameters = Labels.ReadMap(row.Parameters),
                Description = row.HasDescription ? row.Description : null,
                RemovedReason = row.HasRemovedReason ? row.RemovedReason : null,
                RemovedReasonParameters = Labels.ReadMap(row.RemovedReasonParameters),
            });
        }

        var (feasible, relaxed) = Flags(objectives.Keys, constraints);
        Check(proto.Feasible, feasible, "feasible");
        Check(proto.FeasibleRelaxed, relaxed, "feasible_relaxed");

        var named = new List<Model.SampledNamedFunction>(proto.NamedFunctions.Count);
        foreach (var row in proto.NamedFunctions)
        {
            var context = $"SampleSet named function {row.Id}";
            var values = SampledValuesCodec.Read(row.EvaluatedValues, context);
            SampledValuesCodec.CheckSameIds(values.Keys, sampleIds, context);
            named.Add(new Model.SampledNamedFunction(row.Id, values, [.. row.UsedDecisionVariableIds])
            {
                Name = row.HasName ? row.Name : null,
                Subscripts = Labels.ReadSubscripts(row.Subscripts),
                Parameters = Labels.ReadMap(row.Parameters),
                Description = row.HasDescription ? row.Description : null,
            });
        }

        var sampleSet = new Model.SampleSet(
            [.. objectives.Keys],
            objectives,
            variables.AsReadOnly(),
            constraints.AsReadOnly(),
            named.AsReadOnly(),
            feasible,
            relaxed,
            SolutionV1Codec.ReadSense(proto.Sense));
        sampleSet.Restore(SolutionV1Codec.ReadMetadata(proto.Metadata), proto.Annotations);
        return sampleSet;
    }

    public static Protos.V1.SampleSet Write(Model.SampleSet sampleSet)
    {
        var proto = new Protos.V1.SampleSet
        {
            Objectives = SampledValuesCodec.Write(sampleSet.Objectives),
            Sense = (Protos.V1.Instance.Types.Sense)(int)sampleSet.Sense,
            FormatVersion = InstanceV1Codec.FormatVersion,
        };
        foreach (var variable in sampleSet.DecisionVariables)
        {
            proto.DecisionVariables.Add(new Protos.V1.SampledDecisionVariable
            {
                DecisionVariable = InstanceV1Codec.WriteVariable(variable.Variable),
                Samples = SampledValuesCodec.Write(variable.Samples),
            });
        }

        foreach (var constraint in sampleSet.Constraints)
        {
            var row = new Protos.V1.SampledConstraint
            {
                Id = constraint.Id,
                Equality = (Equality)(int)constraint.Equality,
                EvaluatedValues = SampledValuesCodec.Write(constraint.Values),
            };
            if (constraint.Name is not null)
            {
                row.Name = constraint.Name;
            }

            row.Subscripts.AddRange(constraint.Subscripts);
            Labels.WriteMap(row.Parameters, constraint.Parameters);
            if (constraint.Description is not null)
            {
                row.Description = constraint.Description;
            }

            if (constraint.RemovedReason is not null)
            {
                row.RemovedReason = constraint.RemovedReason;
                Labels.WriteMap(row.RemovedReasonParameters, constraint.RemovedReasonParameters);
            }

            row.UsedDecisionVariableIds.AddRange(constraint.UsedDecisionVariableIds);
            foreach (var (id, feasible) in constraint.Feasible.OrderBy(p => p.Key))
            {
                row.Feasible.Add(id, feasible);
            }

            proto.Constraints.Add(row);
        }

        foreach (var named in sampleSet.NamedFunctions)
        {
            var row = new Protos.V1.SampledNamedFunction { Id = named.Id, EvaluatedValues = SampledValuesCodec.Write(named.Values) };
            if (named.Name is not null)
            {
                row.Name = named.Name;
            }

            row.Subscripts.AddRange(named.Subscripts);
            Labels.WriteMap(row.Parameters, named.Parameters);
            if (named.Description is not null)
            {
                row.Description = named.Description;
            }

            row.UsedDecisionVariableIds.AddRange(named.UsedDecisionVariableIds);
            proto.NamedFunctions.Add(row);
        }

        foreach (var id in sampleSet.SampleIds)
        {
            proto.Feasible.Add(id, sampleSet.Feasible[id]);
            proto.FeasibleRelaxed.Add(id, sampleSet.FeasibleRelaxed[id]);
        }

        if (sampleSet.Metadata is { } metadata)
        {
            proto.Metadata = SolutionV1Codec.WriteMetadata(metadata);
        }

        Labels.WriteMap(proto.Annotations, sampleSet.Annotations);
        return proto;
    }

    /// <summary>Per sample: all constraints hold (feasible); all active constraints hold (feasible_relaxed).</summary>
    public static (IReadOnlyDictionary<ulong, bool> Feasible, IReadOnlyDictionary<ulong, bool> Relaxed) Flags(
        IEnumerable<ulong> sampleIds, IReadOnlyList<Model.SampledConstraint> constraints)
    {
        var feasible = new Dictionary<ulong, bool>();
        var relaxed = new Dictionary<ulong, bool>();
        foreach (var id in sampleIds)
        {
            var active = constraints.All(c => c.IsRemoved || c.Feasible[id]);
            relaxed[id] = active;
            feasible[id] = active && constraints.All(c => !c.IsRemoved || c.Feasible[id]);
        }

        return (feasible.AsReadOnly(), relaxed.AsReadOnly());
    }

    private static void Check(Google.Protobuf.Collections.MapField<ulong, bool> stored, IReadOnlyDictionary<ulong, bool> computed, string field)
    {
        foreach (var (id, value) in stored)
        {
            if (!computed.TryGetValue(id, out var expected))
            {
                throw new ModelFormatException($"SampleSet {field} names sample {id}, which has no objective value");
            }

            if (value != expected)
            {
                throw new ModelFormatException($"SampleSet says {field}[{id}] = {(value ? "true" : "false")} but its constraint values give {(expected ? "true" : "false")}");
            }
        }
    }
}
