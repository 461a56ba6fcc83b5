using Ommx.Integration.Adapters;

namespace Ommx.Integration.OrTools;

/// <summary>
/// Options of <see cref="OrToolsMilpAdapter"/>: the common ones plus the OR-Tools linear-solver backend
/// (<c>SCIP</c> by default; <c>CBC</c>, <c>HIGHS</c> for MILP; <c>GLOP</c>, <c>CLP</c>, <c>PDLP</c> for LP).
/// Stored with each Solve, e.g. <c>{"time_limit":10,"backend":"SCIP"}</c>.
/// </summary>
public sealed record OrToolsOptions : SolverOptions
{
    public string Backend { get; init; } = OrToolsBackends.Scip;
}
