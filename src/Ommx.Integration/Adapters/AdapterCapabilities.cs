using System.Collections.Frozen;
using System.Globalization;
using Ommx.Integration.Model;

namespace Ommx.Integration.Adapters;

/// <summary>
/// What an adapter can take: variable kinds, objective and constraint degrees, constraint equalities,
/// whether variables may have an infinite side and whether coefficients must be integers.
/// <see cref="EnsureSupports"/> checks an Instance against it before anything is solved. Only what the
/// solver sees is checked: the variables the objective and active constraints use, and the active
/// constraints (removed constraints, fixed and unused variables never reach a solver).
/// </summary>
public sealed record AdapterCapabilities
{
    private static readonly FrozenSet<ConstraintEquality> BothEqualities = [ConstraintEquality.EqualToZero, ConstraintEquality.LessThanOrEqualToZero];

    /// <summary>The variable kinds the solver has a counterpart for.</summary>
    public required IReadOnlySet<VariableKind> VariableKinds { get; init; }

    /// <summary>The highest objective degree (1 linear, 2 quadratic, ...).</summary>
    public int MaxObjectiveDegree { get; init; } = 1;

    /// <summary>The highest constraint degree.</summary>
    public int MaxConstraintDegree { get; init; } = 1;

    public IReadOnlySet<ConstraintEquality> ConstraintEqualities { get; init; } = BothEqualities;

    /// <summary>Whether a variable may have an infinite lower or upper bound.</summary>
    public bool AllowsUnboundedVariables { get; init; } = true;

    /// <summary>Whether every coefficient of a variable term must be an integer (constants may be any number).</summary>
    public bool RequiresIntegerCoefficients { get; init; }

    /// <summary>Throws <see cref="UnsupportedModelException"/> naming the first thing <paramref name="adapter"/> cannot handle.</summary>
    public void EnsureSupports(Instance instance, string adapter)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(adapter);
        foreach (var id in instance.UsedDecisionVariableIds)
        {
            CheckVariable(instance.GetDecisionVariable(id), adapter);
        }

        if (instance.Objective.Degree > MaxObjectiveDegree)
        {
            throw new UnsupportedModelException(
                Invariant($"{adapter} does not support an objective of degree {instance.Objective.Degree} ({DegreeName(instance.Objective.Degree)}); it handles degree {MaxObjectiveDegree} at most"),
                UnsupportedFeature.ObjectiveDegree);
        }

        CheckCoefficients(instance.Objective, adapter, "the objective", null);
        foreach (var constraint in instance.Constraints)
        {
            CheckConstraint(constraint, adapter);
        }
    }

    private void CheckVariable(DecisionVariable variable, string adapter)
    {
        if (!VariableKinds.Contains(variable.Kind))
        {
            throw new UnsupportedModelException(
                Invariant($"{adapter} does not support variable {variable.Id} ({variable}) of kind {variable.Kind}; it handles {string.Join(", ", VariableKinds.Order())}"),
                UnsupportedFeature.VariableKind,
                variableId: variable.Id);
        }

        if (!AllowsUnboundedVariables && !variable.Bound.IsFinite)
        {
            throw new UnsupportedModelException(
                Invariant($"{adapter} requires finite bounds, but variable {variable.Id} ({variable}) has bound {variable.Bound}"),
                UnsupportedFeature.UnboundedVariable,
                variableId: variable.Id);
        }
    }

    private void CheckConstraint(Model.Constraint constraint, string adapter)
    {
        var id = constraint.Id!.Value;
        if (!ConstraintEqualities.Contains(constraint.Equality))
        {
            throw new UnsupportedModelException(
                Invariant($"{adapter} does not support constraint {id} with equality {constraint.Equality}"),
                UnsupportedFeature.ConstraintEquality,
                constraintId: id);
        }

        var degree = constraint.Function.Degree;
        if (degree > MaxConstraintDegree)
        {
            throw new UnsupportedModelException(
                Invariant($"{adapter} does not support constraint {id} of degree {degree} ({DegreeName(degree)}); it handles degree {MaxConstraintDegree} at most"),
                UnsupportedFeature.ConstraintDegree,
                constraintId: id);
        }

        CheckCoefficients(constraint.Function, adapter, Invariant($"constraint {id}"), id);
    }

    private void CheckCoefficients(Function function, string adapter, string where, ulong? constraintId)
    {
        if (!RequiresIntegerCoefficients)
        {
            return;
        }

        foreach (var term in function.Terms)
        {
            if (!IsInteger(term.Coefficient))
            {
                throw new UnsupportedModelException(
                    Invariant($"{adapter} requires integer coefficients, but {where} has coefficient {term.Coefficient} on {term.Monomial}"),
                    UnsupportedFeature.NonIntegerCoefficient,
                    constraintId: constraintId);
            }
        }
    }

    /// <summary>An integer that a 64-bit integer solver can hold exactly.</summary>
    public static bool IsInteger(double value) => Math.Abs(value) <= 1L << 53 && value == Math.Round(value);

    private static string DegreeName(int degree) => degree switch
    {
        0 => "constant",
        1 => "linear",
        2 => "quadratic",
        3 => "cubic",
        _ => "polynomial",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
