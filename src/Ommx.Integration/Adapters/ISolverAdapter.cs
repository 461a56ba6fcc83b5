using Ommx.Integration.Model;

namespace Ommx.Integration.Adapters;

/// <summary>
/// A solver behind OMMX's contract: it takes an <see cref="Instance"/> and options and returns a
/// <see cref="Solution"/> made by <see cref="Instance.Evaluate"/> (so feasibility flags are exact) plus the
/// solver's own status. It throws <see cref="UnsupportedModelException"/> before solving when the Instance
/// uses something it cannot handle, and a <see cref="SolverOutcomeException"/> when the solver proves the
/// model infeasible or unbounded or returns no solution.
/// </summary>
public interface ISolverAdapter
{
    /// <summary>What this adapter can solve with these options (the backend may depend on them).</summary>
    AdapterCapabilities GetCapabilities(SolverOptions options);

    SolveResult Solve(Instance instance, SolverOptions options);
}
