using System.Collections.Immutable;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v2.SampleSet</c> → <see cref="Model.SampleSet"/> (read only), checked as v1 SampleSets are.</summary>
internal static class SampleSetV2Codec
{
    public static Model.SampleSet Read(Protos.V2.SampleSet proto)
    {
        const string What = "v2 SampleSet";
        V2Features.Check(
            proto.RequiredFeatures,
            What,
            ("indicator constraints", proto.SampledIndicatorConstraints?.Entries.Count ?? 0),
            ("one-hot constraints", proto.SampledOneHotConstraints?.Entries.Count ?? 0),
            ("SOS1 constraints", proto.SampledSos1Constraints?.Entries.Count ?? 0));
        var atol = proto.HasFeasibilityAtol ? proto.FeasibilityAtol : Tolerance.Default;
        if (!(atol > 0))
        {
            throw new ModelFormatException($"{What} has feasibility_atol {atol}; it must be positive");
        }

        var objectives = SampledValuesCodec.Read(proto.Objectives, $"{What} objectives");
        var sampleIds = objectives.Keys.ToHashSet();
        var table = proto.DecisionVariables ?? throw new ModelFormatException($"{What} has no decision_variables table");
        var variables = new List<Model.SampledDecisionVariable>(table.Entries.Count);
        foreach (var (id, row) in table.Entries.OrderBy(e => e.Key))
        {
            var read = InstanceV2Codec.ReadVariable(id, row.Kind, row.Bound, table.Labels, What);
            var context = $"{What} decision variable {id}";
            var samples = SampledValuesCodec.Read(row.Samples, context);
            SampledValuesCodec.CheckSameIds(samples.Keys, sampleIds, context);
            variables.Add(new Model.SampledDecisionVariable(read.WithBound(VariableRules.Normalize(id, read.Kind, read.Bound, atol)), samples));
        }

        var constraints = new List<Model.SampledConstraint>();
        if (proto.SampledRegularConstraints is { } collection)
        {
            foreach (var (id, row) in collection.Entries.OrderBy(e => e.Key))
            {
                var context = $"{What} constraint {id}";
                var equality = InstanceV1Codec.ReadEquality(row.Equality, context);
                var values = SampledValuesCodec.Read(row.EvaluatedValues, context);
                SampledValuesCodec.CheckSameIds(values.Keys, sampleIds, context);
                SampledValuesCodec.CheckSameIds(row.Feasible.Keys, sampleIds, $"{context} feasible map");
                foreach (var (sample, stored) in row.Feasible)
                {
                    if (stored != Model.Constraint.IsSatisfied(equality, values[sample], atol))
                    {
                        throw new ModelFormatException($"{context} says sample {sample} is {(stored ? "feasible" : "infeasible")} but its value gives the opposite (atol {atol})");
                    }
                }

                var label = V2Label.Of(collection.Contexts.TryGetValue(id, out var c) ? c.Label : null);
                var reason = collection.RemovedReasons.TryGetValue(id, out var r) ? r : null;
                constraints.Add(new Model.SampledConstraint(id, equality, values, new Dictionary<ulong, bool>(row.Feasible).AsReadOnly(), [.. row.UsedDecisionVariableIds])
                {
                    Name = label.Name,
                    Subscripts = label.Subscripts,
                    Parameters = label.Parameters,
                    Description = label.Description,
                    RemovedReason = reason?.Reason,
                    RemovedReasonParameters = reason is null ? ImmutableDictionary<string, string>.Empty : Labels.ReadMap(reason.Parameters),
                });
            }
        }

        var (feasible, relaxed) = SampleSetV1Codec.Flags(objectives.Keys, constraints);
        foreach (var (field, stored, computed) in new[] { ("feasible", proto.Feasible, feasible), ("feasible_relaxed", proto.FeasibleRelaxed, relaxed) })
        {
            foreach (var (sample, value) in stored)
            {
                if (!computed.TryGetValue(sample, out var expected) || value != expected)
                {
                    throw new ModelFormatException($"{What} says {field}[{sample}] = {value} but its constraint values disagree");
                }
            }
        }

        var named = new List<Model.SampledNamedFunction>();
        if (proto.SampledNamedFunctions is { } functions)
        {
            foreach (var (id, row) in functions.Entries.OrderBy(e => e.Key))
            {
                var context = $"{What} named function {id}";
                var values = SampledValuesCodec.Read(row.EvaluatedValues, context);
                SampledValuesCodec.CheckSameIds(values.Keys, sampleIds, context);
                var label = V2Label.Of(functions.Labels.TryGetValue(id, out var l) ? l : null);
                named.Add(new Model.SampledNamedFunction(id, values, [.. row.UsedDecisionVariableIds])
                {
                    Name = label.Name,
                    Subscripts = label.Subscripts,
                    Parameters = label.Parameters,
                    Description = label.Description,
                });
            }
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
}
