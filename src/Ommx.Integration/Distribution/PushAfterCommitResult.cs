namespace Ommx.Integration.Distribution;

/// <summary>The outcome of <see cref="PushAfterCommit.Run"/>: a line to log and, on success, the details.</summary>
internal sealed record PushAfterCommitResult(bool Succeeded, string Message)
{
    public PushResult? Result { get; init; }

    /// <summary>The failure (its message holds no credentials), for callers that classify errors.</summary>
    public Exception? Error { get; init; }
}
