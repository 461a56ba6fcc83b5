namespace Ommx.Integration.Distribution;

/// <summary>
/// Bounded retries with exponential backoff for transient failures (HTTP 5xx and 429, broken or refused
/// connections, timeouts). Attempt <c>n</c> (1-based) that failed waits
/// <c>min(BaseDelay × 2^(n-1), MaxDelay)</c> (or the registry's <c>Retry-After</c>, capped the same way)
/// before attempt <c>n+1</c>. <see cref="Sleep"/> is injectable so tests neither wait nor race.
/// </summary>
public sealed record RetryPolicy
{
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Called with the failed attempt number and the delay chosen; the default sleeps.</summary>
    public Action<int, TimeSpan> Sleep { get; init; } = (_, delay) => Thread.Sleep(delay);

    internal TimeSpan DelayAfter(int failedAttempt, TimeSpan? retryAfter)
    {
        var backoff = BaseDelay * Math.Pow(2, Math.Min(failedAttempt - 1, 20));
        var chosen = retryAfter ?? backoff;
        return chosen > MaxDelay ? MaxDelay : chosen;
    }

    internal void Wait(int failedAttempt, TimeSpan? retryAfter = null) => Sleep(failedAttempt, DelayAfter(failedAttempt, retryAfter));
}
