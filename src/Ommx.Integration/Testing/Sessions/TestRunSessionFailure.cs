namespace Ommx.Integration.Testing.Sessions;

/// <summary>Why settling a stale session failed, written once so the next sessions do not report it again.</summary>
internal sealed record TestRunSessionFailure
{
    public required string Reason { get; init; }

    public required DateTime FailedUtc { get; init; }
}
