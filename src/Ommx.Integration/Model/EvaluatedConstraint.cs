using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>
/// A constraint's value at a Solution's state, with its labels and whether it holds. A removed
/// constraint carries its <see cref="RemovedReason"/>.
/// </summary>
public sealed class EvaluatedConstraint
{
    internal EvaluatedConstraint(ulong id, ConstraintEquality equality, double evaluatedValue, ImmutableArray<ulong> usedDecisionVariableIds, double atol)
    {
        Id = id;
        Equality = equality;
        EvaluatedValue = evaluatedValue;
        UsedDecisionVariableIds = usedDecisionVariableIds;
        Feasible = Constraint.IsSatisfied(equality, evaluatedValue, atol);
    }

    public ulong Id { get; }

    public ConstraintEquality Equality { get; }

    /// <summary><c>f(state)</c>.</summary>
    public double EvaluatedValue { get; }

    /// <summary>The ids of the variables <c>f</c> uses, ascending.</summary>
    public ImmutableArray<ulong> UsedDecisionVariableIds { get; }

    /// <summary>Whether the constraint holds at the tolerance the Solution was evaluated (or read) with.</summary>
    public bool Feasible { get; }

    public string? Name { get; init; }

    public ImmutableArray<long> Subscripts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Description { get; init; }

    /// <summary>The dual value a solver reported, if any.</summary>
    public double? DualVariable { get; internal set; }

    /// <summary>Why the constraint was removed; <see langword="null"/> for an active constraint.</summary>
    public string? RemovedReason { get; init; }

    public IReadOnlyDictionary<string, string> RemovedReasonParameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public bool IsRemoved => RemovedReason is not null;

    internal static EvaluatedConstraint Of(Constraint constraint, double value, double atol, string? removedReason, IReadOnlyDictionary<string, string>? removedReasonParameters) =>
        new(constraint.Id!.Value, constraint.Equality, value, constraint.Function.UsedDecisionVariableIds, atol)
        {
            Name = constraint.Name,
            Subscripts = constraint.Subscripts,
            Parameters = constraint.Parameters,
            Description = constraint.Description,
            RemovedReason = removedReason,
            RemovedReasonParameters = removedReasonParameters ?? ImmutableDictionary<string, string>.Empty,
        };
}
