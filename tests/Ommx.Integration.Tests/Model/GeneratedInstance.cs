using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Model;

/// <summary>
/// A random Instance together with the raw terms it was built from, so tests can compute values
/// directly (without the library's canonical form or evaluator).
/// </summary>
public sealed record GeneratedInstance(
    Instance Instance,
    (ulong[] Ids, double Coefficient)[] Objective,
    double ObjectiveConstant,
    (ulong Id, bool Equality, bool Removed, (ulong[] Ids, double Coefficient)[] Terms, double Constant)[] Constraints)
{
    public static double Value((ulong[] Ids, double Coefficient)[] terms, double constant, IReadOnlyDictionary<ulong, double> state) =>
        terms.Sum(t => t.Ids.Aggregate(t.Coefficient, (product, id) => product * state[id])) + constant;

    public override string ToString() =>
        $"{Instance.DecisionVariables.Count} variables ({string.Join(", ", Instance.DecisionVariables.Select(v => $"{v.Id}:{v.Kind}{v.Bound}"))}), objective {Instance.Objective}, " +
        $"constraints [{string.Join("; ", Instance.Constraints.Select(c => c.ToString()))}], removed [{string.Join("; ", Instance.RemovedConstraints.Select(r => r.Constraint.ToString()))}]";
}
