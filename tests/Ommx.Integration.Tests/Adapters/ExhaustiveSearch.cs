using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Adapters;

/// <summary>
/// A real (tiny) solver: tries every 0/1 assignment of the variables an Instance uses and keeps the best
/// feasible one. Callers may forbid assignments before solving (the "native model" of the OpenSolve tests).
/// </summary>
internal sealed class ExhaustiveSearch(Instance instance)
{
    public const int MaxVariables = 16;

    public List<Func<IReadOnlyDictionary<ulong, double>, bool>> ExtraRules { get; } = [];

    public int Solves { get; private set; }

    /// <summary>The best feasible assignment, or <c>null</c> when none is feasible.</summary>
    public IReadOnlyDictionary<ulong, double>? Solve()
    {
        Solves++;
        IReadOnlyDictionary<ulong, double>? best = null;
        var bestObjective = 0.0;
        foreach (var state in Assignments(instance))
        {
            var solution = instance.Evaluate(state);
            if (!solution.Feasible || ExtraRules.Any(rule => !rule(state)))
            {
                continue;
            }

            var better = best is null || (instance.Sense == ObjectiveSense.Maximize ? solution.Objective > bestObjective : solution.Objective < bestObjective);
            if (better)
            {
                best = state;
                bestObjective = solution.Objective;
            }
        }

        return best;
    }

    public static IEnumerable<Dictionary<ulong, double>> Assignments(Instance instance)
    {
        var ids = instance.UsedDecisionVariableIds;
        if (ids.Length > MaxVariables)
        {
            throw new InvalidOperationException($"Exhaustive search handles at most {MaxVariables} variables, not {ids.Length}");
        }

        for (var mask = 0L; mask < 1L << ids.Length; mask++)
        {
            var state = new Dictionary<ulong, double>();
            for (var i = 0; i < ids.Length; i++)
            {
                state[ids[i]] = (mask >> i) & 1;
            }

            yield return state;
        }
    }
}
