using System.Globalization;
using Ommx.Integration.Model.Evaluation;

namespace Ommx.Integration.Model;

public sealed partial class Instance
{
    private CompiledInstance? _compiled;

    internal CompiledInstance Compiled => _compiled ??= new CompiledInstance(this, _variableIndex);

    /// <summary>
    /// Evaluates <paramref name="state"/> (variable id → value) as OMMX does: fills fixed, dependent and
    /// unused variables, evaluates the objective, every active and removed constraint and every named
    /// function, and sets <c>feasible</c> (all constraints and every variable within bound and kind) and
    /// <c>feasible_relaxed</c> (the same without removed constraints).
    /// </summary>
    /// <param name="state">Variable id → value.</param>
    /// <param name="atol">The tolerance; default <see cref="Tolerance.Default"/> (1e-6 or <c>OMMX_DEFAULT_ATOL</c>).</param>
    /// <exception cref="EvaluationException">
    /// The state names an undeclared variable, misses a variable the objective or an active constraint
    /// uses, holds a non-finite value, or disagrees with a fixed or dependent variable by more than atol.
    /// </exception>
    public Solution Evaluate(IReadOnlyDictionary<ulong, double> state, double? atol = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tolerance = Tolerance.Resolve(atol);
        var compiled = Compiled;
        var values = Populate(state, tolerance);

        var objective = compiled.Objective.Evaluate(values);
        var evaluated = new EvaluatedConstraint[compiled.ConstraintOrder.Length];
        var activeFeasible = true;
        var removedFeasible = true;
        for (var k = 0; k < evaluated.Length; k++)
        {
            var index = compiled.ConstraintOrder[k];
            if (index >= 0)
            {
                var constraint = Constraints[index];
                var row = EvaluatedConstraint.Of(constraint, compiled.Active[index].Evaluate(values), tolerance, null, null);
                activeFeasible &= row.Feasible;
                evaluated[k] = row;
            }
            else
            {
                var removed = RemovedConstraints[~index];
                var row = EvaluatedConstraint.Of(removed.Constraint, compiled.Removed[~index].Evaluate(values), tolerance, removed.Reason, removed.ReasonParameters);
                removedFeasible &= row.Feasible;
                evaluated[k] = row;
            }
        }

        var named = new EvaluatedNamedFunction[NamedFunctions.Count];
        for (var k = 0; k < named.Length; k++)
        {
            named[k] = EvaluatedNamedFunction.Of(NamedFunctions[k], compiled.Named[k].Evaluate(values));
        }

        var variablesValid = true;
        for (var i = 0; i < values.Length && variablesValid; i++)
        {
            variablesValid = VariableRules.IsValid(compiled.Kinds[i], compiled.Bounds[i], values[i], tolerance);
        }

        var feasibleRelaxed = variablesValid && activeFeasible;
        return new Solution(
            DecisionVariables,
            new IdValueMap(compiled.Ids, values),
            objective,
            evaluated,
            named,
            feasible: feasibleRelaxed && removedFeasible,
            feasibleRelaxed: feasibleRelaxed,
            Sense);
    }

    /// <summary>One value per declared variable, in <see cref="DecisionVariables"/> order (OMMX's populate_state).</summary>
    internal double[] Populate(IReadOnlyDictionary<ulong, double> state, double atol)
    {
        var compiled = Compiled;
        var count = compiled.Ids.Length;
        var values = new double[count];
        var given = new bool[count];
        foreach (var (id, value) in state)
        {
            if (!compiled.Positions.TryGetValue(id, out var position))
            {
                throw new EvaluationException($"The state has a value for variable {id}, which the Instance does not declare");
            }

            if (!double.IsFinite(value))
            {
                throw new EvaluationException($"The state gives variable {id} the non-finite value {value.ToString(CultureInfo.InvariantCulture)}");
            }

            values[position] = value;
            given[position] = true;
        }

        foreach (var position in compiled.UsedPositions)
        {
            if (!given[position])
            {
                var missing = compiled.UsedPositions.Where(p => !given[p]).Select(p => compiled.Ids[p]).ToList();
                throw new EvaluationException(
                    $"The state has no value for variable{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", ..." : "")}, used by the objective or an active constraint");
            }
        }

        for (var k = 0; k < compiled.FixedPositions.Length; k++)
        {
            var position = compiled.FixedPositions[k];
            var fixedValue = compiled.FixedValues[k];
            if (given[position] && !(Math.Abs(values[position] - fixedValue) <= atol))
            {
                throw new EvaluationException(FormattableString.Invariant(
                    $"The state gives variable {compiled.Ids[position]} the value {values[position]}, but the Instance fixes it to {fixedValue}"));
            }

            values[position] = fixedValue;
            given[position] = true;
        }

        for (var i = 0; i < count; i++)
        {
            if (!given[i] && !compiled.IsDependent[i])
            {
                values[i] = compiled.UnusedValues[i];
            }
        }

        for (var k = 0; k < compiled.DependentPositions.Length; k++)
        {
            var position = compiled.DependentPositions[k];
            var dependentValue = compiled.Dependencies[k].Evaluate(values);
            if (given[position] && !(Math.Abs(values[position] - dependentValue) <= atol))
            {
                throw new EvaluationException(FormattableString.Invariant(
                    $"The state gives dependent variable {compiled.Ids[position]} the value {values[position]}, but its dependency evaluates to {dependentValue}"));
            }

            values[position] = dependentValue;
        }

        return values;
    }
}
