namespace Ommx.Integration.Adapters;

/// <summary>The solver stopped (time limit, error, invalid model) without a solution and without a proof.</summary>
public sealed class NoSolutionException(string message, string rawStatus) : SolverOutcomeException(message, rawStatus);
