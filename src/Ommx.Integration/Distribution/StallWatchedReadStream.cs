namespace Ommx.Integration.Distribution;

/// <summary>
/// A response body that reports every byte to its <see cref="StallWatch"/>, aborts the connection (by
/// disposing the inner stream) when the watch declares a stall, and then fails the pending read with the
/// watch's message instead of a bare socket error.
/// </summary>
internal sealed class StallWatchedReadStream : ReadOnlyPassThroughStream
{
    private readonly StallWatch watch;
    private readonly CancellationTokenRegistration abort;
    private long position;

    public StallWatchedReadStream(Stream inner, StallWatch watch)
        : base(inner)
    {
        this.watch = watch;
        abort = watch.Token.Register(inner.Dispose);
    }

    protected override long BytesRead => position;

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = Inner.Read(buffer);
        }
        catch (Exception e) when (watch.Stalled && e is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException)
        {
            throw new IOException(watch.Message, e);
        }

        Count(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            n = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (watch.Stalled && e is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException)
        {
            throw new IOException(watch.Message, e);
        }

        Count(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(int n)
    {
        if (n == 0 && watch.Stalled)
        {
            // Aborting a body without Content-Length can look like its end: it is not.
            throw new IOException(watch.Message);
        }

        if (n == 0)
        {
            watch.Finished();
            return;
        }

        position += n;
        watch.Moved(n);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            abort.Dispose();
        }

        base.Dispose(disposing);
    }
}
