namespace Ommx.Integration.Adapters;

/// <summary>
/// The solver finished without a solution to report: OMMX's adapters raise in this case, so a Solve that
/// ends here is recorded as failed with this message as its reason.
/// </summary>
public abstract class SolverOutcomeException : OmmxException
{
    protected SolverOutcomeException(string message, string rawStatus)
        : base(message)
    {
        RawStatus = rawStatus;
    }

    /// <summary>The solver's own status text.</summary>
    public string RawStatus { get; }
}
