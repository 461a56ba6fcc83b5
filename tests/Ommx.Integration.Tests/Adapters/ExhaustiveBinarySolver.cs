using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Adapters;

/// <summary>A genuine solver adapter over <see cref="ExhaustiveSearch"/>: binary variables, any degree, proves optimality by enumeration.</summary>
internal sealed class ExhaustiveBinarySolver : IModelSolverAdapter<ExhaustiveSearch, IReadOnlyDictionary<ulong, double>?>
{
    public static readonly AdapterCapabilities Supported = new()
    {
        VariableKinds = new HashSet<VariableKind> { VariableKind.Binary },
        MaxObjectiveDegree = int.MaxValue,
        MaxConstraintDegree = int.MaxValue,
        AllowsUnboundedVariables = false,
    };

    /// <summary>How many times <see cref="Solve"/> reached the search (a capability error must stop it first).</summary>
    public int SolveCalls { get; private set; }

    public AdapterCapabilities GetCapabilities(SolverOptions options) => Supported;

    public SolveResult Solve(Instance instance, SolverOptions options)
    {
        SolveCalls++;
        using var model = BuildModel(instance, options);
        var best = model.Model.Solve();
        return new SolveResult(model.Decode(best), best is null ? "INFEASIBLE" : "OPTIMAL");
    }

    public ISolverModel<ExhaustiveSearch, IReadOnlyDictionary<ulong, double>?> BuildModel(Instance instance, SolverOptions options)
    {
        Supported.EnsureSupports(instance, nameof(ExhaustiveBinarySolver));
        return new Model(instance, new ExhaustiveSearch(instance));
    }

    private sealed class Model(Instance instance, ExhaustiveSearch search) : ISolverModel<ExhaustiveSearch, IReadOnlyDictionary<ulong, double>?>
    {
        ExhaustiveSearch ISolverModel<ExhaustiveSearch, IReadOnlyDictionary<ulong, double>?>.Model => search;

        public Solution Decode(IReadOnlyDictionary<ulong, double>? result)
        {
            if (result is null)
            {
                throw new InfeasibleModelException("No 0/1 assignment satisfies every constraint", "INFEASIBLE");
            }

            var solution = instance.Evaluate(result);
            solution.Optimality = Optimality.Optimal;
            return solution;
        }

        public void Dispose()
        {
        }
    }
}
