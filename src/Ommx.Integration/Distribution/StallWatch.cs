namespace Ommx.Integration.Distribution;

/// <summary>
/// Notices a stalled exchange with a registry: one that moves fewer than <see cref="MinimumBytesPerWindow"/>
/// bytes (request body sent plus response body received) in a whole window of <see cref="Window"/>, which
/// covers a registry that accepts the connection and never answers, never reads our upload, or trickles
/// its body. Then <see cref="Token"/> is cancelled (which ends a wait for headers, and the reading streams
/// abort their connection on it) and <see cref="Stalled"/> says why. One watch per exchange, from sending
/// to disposing the response.
/// </summary>
internal sealed class StallWatch : IDisposable
{
    public const int MinimumBytesPerWindow = 1024;
    private readonly CancellationTokenSource cancel = new();
    private readonly Timer timer;
    private long moved;
    private int stalled;

    public StallWatch(TimeSpan window, string what)
    {
        Window = window;
        What = what;
        timer = new Timer(_ => Tick(), null, window, window);
    }

    public TimeSpan Window { get; }

    /// <summary>The registry and request, for messages.</summary>
    public string What { get; }

    public CancellationToken Token => cancel.Token;

    public bool Stalled => Volatile.Read(ref stalled) == 1;

    public string Message =>
        $"{What} stalled: fewer than {MinimumBytesPerWindow} bytes moved in {Window.TotalSeconds:0.###} s; giving up on this attempt";

    public void Moved(long bytes) => Interlocked.Add(ref moved, bytes);

    /// <summary>The exchange is complete (the body was read to its end): nothing is waited for any more.</summary>
    public void Finished() => timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void Tick()
    {
        if (Interlocked.Exchange(ref moved, 0) >= MinimumBytesPerWindow || Interlocked.Exchange(ref stalled, 1) == 1)
        {
            return;
        }

        try
        {
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The exchange ended (and disposed this watch) while the tick ran.
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        cancel.Dispose();
    }
}
