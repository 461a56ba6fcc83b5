namespace Ommx.Integration.Adapters;

/// <summary>The solver proved that no assignment satisfies the constraints.</summary>
public sealed class InfeasibleModelException(string message, string rawStatus) : SolverOutcomeException(message, rawStatus);
