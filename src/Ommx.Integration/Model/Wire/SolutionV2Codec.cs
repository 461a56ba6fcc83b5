using Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v2.Solution</c> → <see cref="Model.Solution"/> (read only), checked as v1 Solutions are.</summary>
internal static class SolutionV2Codec
{
    public static Model.Solution Read(Protos.V2.Solution proto)
    {
        const string What = "v2 Solution";
        V2Features.Check(
            proto.RequiredFeatures,
            What,
            ("indicator constraints", proto.EvaluatedIndicatorConstraints?.Entries.Count ?? 0),
            ("one-hot constraints", proto.EvaluatedOneHotConstraints?.Entries.Count ?? 0),
            ("SOS1 constraints", proto.EvaluatedSos1Constraints?.Entries.Count ?? 0));
        var atol = proto.HasFeasibilityAtol ? proto.FeasibilityAtol : Tolerance.Default;
        if (!(atol > 0))
        {
            throw new ModelFormatException($"{What} has feasibility_atol {atol}; it must be positive");
        }

        var table = proto.DecisionVariables ?? throw new ModelFormatException($"{What} has no decision_variables table");
        var variables = new List<Model.DecisionVariable>(table.Entries.Count);
        var ids = new List<ulong>(table.Entries.Count);
        var values = new List<double>(table.Entries.Count);
        var allValid = true;
        foreach (var (id, row) in table.Entries.OrderBy(e => e.Key))
        {
            var read = InstanceV2Codec.ReadVariable(id, row.Kind, row.Bound, table.Labels, What);
            var variable = read.WithBound(VariableRules.Normalize(id, read.Kind, read.Bound, atol)).WithSubstitutedValue(row.Value);
            variables.Add(variable);
            ids.Add(id);
            values.Add(row.Value);
            allValid &= VariableRules.IsValid(variable.Kind, variable.Bound, row.Value, atol);
        }

        var constraints = new List<EvaluatedConstraint>();
        var activeOk = true;
        var removedOk = true;
        if (proto.EvaluatedRegularConstraints is { } collection)
        {
            foreach (var (id, row) in collection.Entries.OrderBy(e => e.Key))
            {
                var context = $"{What}: constraint {id}";
                var label = V2Label.Of(collection.Contexts.TryGetValue(id, out var c) ? c.Label : null);
                var reason = collection.RemovedReasons.TryGetValue(id, out var r) ? r : null;
                var constraint = new EvaluatedConstraint(id, InstanceV1Codec.ReadEquality(row.Equality, context), row.EvaluatedValue, [.. row.UsedDecisionVariableIds], atol)
                {
                    Name = label.Name,
                    Subscripts = label.Subscripts,
                    Parameters = label.Parameters,
                    Description = label.Description,
                    DualVariable = row.HasDualVariable ? row.DualVariable : null,
                    RemovedReason = reason?.Reason,
                    RemovedReasonParameters = reason is null ? System.Collections.Immutable.ImmutableDictionary<string, string>.Empty : Labels.ReadMap(reason.Parameters),
                };
                if (constraint.Feasible != row.Feasible)
                {
                    throw new ModelFormatException($"{context} says feasible = {row.Feasible} but its value {row.EvaluatedValue} gives {constraint.Feasible} (atol {atol})");
                }

                constraints.Add(constraint);
                if (constraint.IsRemoved)
                {
                    removedOk &= constraint.Feasible;
                }
                else
                {
                    activeOk &= constraint.Feasible;
                }
            }
        }

        var relaxed = allValid && activeOk;
        var all = relaxed && removedOk;
        if (proto.Feasible != all || (proto.HasFeasibleRelaxed && proto.FeasibleRelaxed != relaxed))
        {
            throw new ModelFormatException(
                $"{What} says feasible = {proto.Feasible}, feasible_relaxed = {(proto.HasFeasibleRelaxed ? proto.FeasibleRelaxed : "absent")}, but its values give {all} and {relaxed} (atol {atol})");
        }

        var named = new List<EvaluatedNamedFunction>();
        if (proto.EvaluatedNamedFunctions is { } functions)
        {
            foreach (var (id, row) in functions.Entries.OrderBy(e => e.Key))
            {
                var label = V2Label.Of(functions.Labels.TryGetValue(id, out var l) ? l : null);
                named.Add(new EvaluatedNamedFunction(id, row.EvaluatedValue, [.. row.UsedDecisionVariableIds])
                {
                    Name = label.Name,
                    Subscripts = label.Subscripts,
                    Parameters = label.Parameters,
                    Description = label.Description,
                });
            }
        }

        var solution = new Model.Solution(
            variables.AsReadOnly(),
            new IdValueMap([.. ids], [.. values]),
            proto.Objective,
            constraints.AsReadOnly(),
            named.AsReadOnly(),
            all,
            relaxed,
            SolutionV1Codec.ReadSense(proto.Sense),
            definitionsCarryValues: true);
        solution.Restore(
            SolutionV1Codec.ReadOptimality(proto.Optimality),
            SolutionV1Codec.ReadRelaxation(proto.Relaxation),
            SolutionV1Codec.ReadMetadata(proto.Metadata),
            proto.Annotations);
        return solution;
    }
}
