using System.Globalization;
using Ommx.Integration.Model.Protos.V1;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v1.Solution</c> ⇄ <see cref="Model.Solution"/>, with OMMX's read-time checks.</summary>
internal static class SolutionV1Codec
{
    /// <summary>
    /// What a stored Solution says of itself: feasible (every constraint holds) and feasible_relaxed (every
    /// active one holds). Before feasible_relaxed existed, feasible meant "relaxed" and feasible_unrelaxed "all".
    /// </summary>
    public static (bool All, bool Relaxed) StoredFlags(Protos.V1.Solution proto) => proto.HasFeasibleRelaxed
        ? (proto.Feasible, proto.FeasibleRelaxed)
        : (proto.FeasibleUnrelaxed, proto.Feasible);

    public static Model.Solution Read(Protos.V1.Solution proto, double atol)
    {
        if (proto.FormatVersion > InstanceV1Codec.FormatVersion)
        {
            throw new ModelFormatException(
                $"Solution has format_version {proto.FormatVersion}; this library reads format_version {InstanceV1Codec.FormatVersion}. Upgrade Ommx.Integration to read it.");
        }

        var state = proto.State is { } s ? IdValueMap.From(s.Entries) : IdValueMap.Empty;
        var variables = new List<Model.DecisionVariable>(proto.DecisionVariables.Count);
        var seen = new HashSet<ulong>();
        string? invalidVariable = null;
        foreach (var row in proto.DecisionVariables)
        {
            var read = InstanceV1Codec.ReadVariable(row, "Solution");
            if (!seen.Add(read.Id))
            {
                throw new ModelFormatException($"Solution: decision variable id {read.Id} appears more than once");
            }

            var variable = read.WithBound(VariableRules.Normalize(read.Id, read.Kind, read.Bound, atol));
            variables.Add(variable);
            var value = ValueOf(variable, state, atol);
            if (invalidVariable is null && !VariableRules.IsValid(variable.Kind, variable.Bound, value, atol))
            {
                invalidVariable = FormattableString.Invariant($"variable {variable.Id} = {value} is outside its bound {variable.Bound} or kind {variable.Kind}");
            }
        }

        var constraints = new List<EvaluatedConstraint>(proto.EvaluatedConstraints.Count);
        string? violatedActive = null;
        string? violatedRemoved = null;
        foreach (var row in proto.EvaluatedConstraints)
        {
            var constraint = ReadConstraint(row, atol);
            constraints.Add(constraint);
            if (!constraint.Feasible)
            {
                var what = FormattableString.Invariant($"constraint {constraint.Id} ({(constraint.Equality == ConstraintEquality.EqualToZero ? "= 0" : "<= 0")}) has value {constraint.EvaluatedValue}");
                if (constraint.IsRemoved)
                {
                    violatedRemoved ??= what;
                }
                else
                {
                    violatedActive ??= what;
                }
            }
        }

        var relaxed = invalidVariable is null && violatedActive is null;
        var all = relaxed && violatedRemoved is null;

        var (providedAll, providedRelaxed) = StoredFlags(proto);
        var reason = invalidVariable ?? violatedActive ?? violatedRemoved ?? "every constraint holds and every variable is valid";
        if (providedAll != all)
        {
            throw new ModelFormatException(FormattableString.Invariant(
                $"Solution says feasible = {Lower(providedAll)} but its values give {Lower(all)} (atol {atol}): {reason}"));
        }

        if (providedRelaxed != relaxed)
        {
            throw new ModelFormatException(FormattableString.Invariant(
                $"Solution says feasible_relaxed = {Lower(providedRelaxed)} but its values give {Lower(relaxed)} (atol {atol}): {invalidVariable ?? violatedActive ?? "every active constraint holds and every variable is valid"}"));
        }

        var named = proto.EvaluatedNamedFunctions.Select(row => new EvaluatedNamedFunction(row.Id, row.EvaluatedValue, [.. row.UsedDecisionVariableIds])
        {
            Name = row.HasName ? row.Name : null,
            Subscripts = Labels.ReadSubscripts(row.Subscripts),
            Parameters = Labels.ReadMap(row.Parameters),
            Description = row.HasDescription ? row.Description : null,
        }).ToList();

        var solution = new Model.Solution(
            variables.AsReadOnly(),
            state,
            proto.Objective,
            constraints.AsReadOnly(),
            named.AsReadOnly(),
            all,
            relaxed,
            ReadSense(proto.Sense),
            definitionsCarryValues: true);
        solution.Restore(ReadOptimality(proto.Optimality), ReadRelaxation(proto.Relaxation), ReadMetadata(proto.Metadata), proto.Annotations);
        return solution;
    }

    public static Protos.V1.Solution Write(Model.Solution solution)
    {
        var proto = new Protos.V1.Solution
        {
            State = new State(),
            Objective = solution.Objective,
            Feasible = solution.Feasible,
            FeasibleRelaxed = solution.FeasibleRelaxed,
            FeasibleUnrelaxed = solution.Feasible,
            Optimality = (Protos.V1.Optimality)(int)solution.Optimality,
            Relaxation = (Protos.V1.Relaxation)(int)solution.Relaxation,
            Sense = (Protos.V1.Instance.Types.Sense)(int)solution.Sense,
            FormatVersion = InstanceV1Codec.FormatVersion,
        };
        foreach (var (id, value) in solution.State.OrderBy(p => p.Key))
        {
            proto.State.Entries.Add(id, value);
        }

        foreach (var variable in solution.DecisionVariables)
        {
            proto.DecisionVariables.Add(InstanceV1Codec.WriteVariable(variable, solution.State.TryGetValue(variable.Id, out var value) ? value : null));
        }

        foreach (var constraint in solution.EvaluatedConstraints)
        {
            proto.EvaluatedConstraints.Add(WriteConstraint(constraint));
        }

        foreach (var named in solution.EvaluatedNamedFunctions)
        {
            var row = new Protos.V1.EvaluatedNamedFunction { Id = named.Id, EvaluatedValue = named.EvaluatedValue };
            row.UsedDecisionVariableIds.AddRange(named.UsedDecisionVariableIds);
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

            proto.EvaluatedNamedFunctions.Add(row);
        }

        if (solution.Metadata is { } metadata)
        {
            proto.Metadata = WriteMetadata(metadata);
        }

        Labels.WriteMap(proto.Annotations, solution.Annotations);
        return proto;
    }

    public static ObjectiveSense ReadSense(Protos.V1.Instance.Types.Sense sense) =>
        Enum.IsDefined((ObjectiveSense)(int)sense)
            ? (ObjectiveSense)(int)sense
            : throw new ModelFormatException($"Solution has an unknown sense {(int)sense}");

    public static Model.Optimality ReadOptimality(Protos.V1.Optimality optimality) =>
        Enum.IsDefined((Model.Optimality)(int)optimality)
            ? (Model.Optimality)(int)optimality
            : throw new ModelFormatException($"Solution has an unknown optimality {(int)optimality}");

    public static Model.Relaxation ReadRelaxation(Protos.V1.Relaxation relaxation) =>
        Enum.IsDefined((Model.Relaxation)(int)relaxation)
            ? (Model.Relaxation)(int)relaxation
            : throw new ModelFormatException($"Solution has an unknown relaxation {(int)relaxation}");

    public static Model.ProcessMetadata? ReadMetadata(Protos.V1.ProcessMetadata? proto) => proto is null
        ? null
        : new Model.ProcessMetadata
        {
            Instance = proto.HasInstance ? proto.Instance : null,
            Solver = proto.HasSolver ? proto.Solver : null,
            Parameters = proto.HasParameters ? proto.Parameters : null,
            Start = proto.HasStart ? proto.Start : null,
            End = proto.HasEnd ? proto.End : null,
        };

    public static Protos.V1.ProcessMetadata WriteMetadata(Model.ProcessMetadata metadata)
    {
        var proto = new Protos.V1.ProcessMetadata();
        if (metadata.Instance is not null)
        {
            proto.Instance = metadata.Instance;
        }

        if (metadata.Solver is not null)
        {
            proto.Solver = metadata.Solver;
        }

        if (metadata.Parameters is not null)
        {
            proto.Parameters = metadata.Parameters;
        }

        if (metadata.Start is not null)
        {
            proto.Start = metadata.Start;
        }

        if (metadata.End is not null)
        {
            proto.End = metadata.End;
        }

        return proto;
    }

    /// <summary>The value of a Solution variable: its state entry and/or substituted_value, which must agree.</summary>
    private static double ValueOf(Model.DecisionVariable variable, IdValueMap state, double atol)
    {
        var inState = state.TryGetValue(variable.Id, out var stateValue);
        if (variable.SubstitutedValue is { } substituted)
        {
            if (inState && !(Math.Abs(stateValue - substituted) <= atol))
            {
                throw new ModelFormatException(FormattableString.Invariant(
                    $"Solution: variable {variable.Id} has state value {stateValue} but substituted_value {substituted}"));
            }

            return inState ? stateValue : substituted;
        }

        return inState
            ? stateValue
            : throw new ModelFormatException($"Solution: decision variable {variable.Id} has no value (neither a state entry nor substituted_value)");
    }

    private static EvaluatedConstraint ReadConstraint(Protos.V1.EvaluatedConstraint row, double atol)
    {
        var equality = InstanceV1Codec.ReadEquality(row.Equality, string.Create(CultureInfo.InvariantCulture, $"Solution constraint {row.Id}"));
        return new EvaluatedConstraint(row.Id, equality, row.EvaluatedValue, [.. row.UsedDecisionVariableIds], atol)
        {
            Name = row.HasName ? row.Name : null,
            Subscripts = Labels.ReadSubscripts(row.Subscripts),
            Parameters = Labels.ReadMap(row.Parameters),
            Description = row.HasDescription ? row.Description : null,
            DualVariable = row.HasDualVariable ? row.DualVariable : null,
            RemovedReason = row.HasRemovedReason ? row.RemovedReason : null,
            RemovedReasonParameters = Labels.ReadMap(row.RemovedReasonParameters),
        };
    }

    private static Protos.V1.EvaluatedConstraint WriteConstraint(EvaluatedConstraint constraint)
    {
        var row = new Protos.V1.EvaluatedConstraint
        {
            Id = constraint.Id,
            Equality = (Equality)(int)constraint.Equality,
            EvaluatedValue = constraint.EvaluatedValue,
        };
        row.UsedDecisionVariableIds.AddRange(constraint.UsedDecisionVariableIds);
        row.Subscripts.AddRange(constraint.Subscripts);
        Labels.WriteMap(row.Parameters, constraint.Parameters);
        if (constraint.Name is not null)
        {
            row.Name = constraint.Name;
        }

        if (constraint.Description is not null)
        {
            row.Description = constraint.Description;
        }

        if (constraint.DualVariable is { } dual)
        {
            row.DualVariable = dual;
        }

        if (constraint.RemovedReason is not null)
        {
            row.RemovedReason = constraint.RemovedReason;
            Labels.WriteMap(row.RemovedReasonParameters, constraint.RemovedReasonParameters);
        }

        return row;
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
