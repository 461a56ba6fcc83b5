namespace Ommx.Integration.Adapters;

/// <summary>The solver proved that the objective can improve without limit.</summary>
public sealed class UnboundedModelException(string message, string rawStatus) : SolverOutcomeException(message, rawStatus);
