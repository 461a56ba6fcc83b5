using Ommx.Integration.Model;

namespace Ommx.Integration.OrTools;

/// <summary>Turns a solver's variable values into an OMMX Solution through <see cref="Instance.Evaluate"/>.</summary>
internal static class NativeSolution
{
    /// <summary>
    /// Evaluates the values (variable id → value) against the Instance, so every flag is exactly OMMX's.
    /// Integer-kind values within the tolerance of an integer are snapped to it (solvers report 0.9999999997
    /// for 1); anything further off is kept and shows up as infeasible.
    /// </summary>
    public static Solution Evaluate(Instance instance, IEnumerable<KeyValuePair<ulong, double>> values, bool provenOptimal)
    {
        var atol = Tolerance.Default;
        var state = new Dictionary<ulong, double>();
        foreach (var (id, value) in values)
        {
            var kind = instance.GetDecisionVariable(id).Kind;
            var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
            state[id] = kind is VariableKind.Binary or VariableKind.Integer && Math.Abs(value - rounded) < atol ? rounded + 0.0 : value;
        }

        var solution = instance.Evaluate(state);
        if (provenOptimal)
        {
            solution.Optimality = Optimality.Optimal;
        }

        return solution;
    }
}
