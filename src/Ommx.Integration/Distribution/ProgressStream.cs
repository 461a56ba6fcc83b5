namespace Ommx.Integration.Distribution;

/// <summary>
/// A read-only view of at most <c>limit</c> bytes of another stream that reports every read to a
/// progress sink; used for upload bodies (whole blobs or one chunk) and download bodies.
/// </summary>
internal sealed class ProgressStream : Stream
{
    private readonly Stream inner;
    private readonly long limit;
    private readonly ITransferProgress? progress;
    private long position;

    public ProgressStream(Stream inner, long limit, ITransferProgress? progress)
    {
        this.inner = inner;
        this.limit = limit;
        this.progress = progress;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => limit;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = limit - position;
        if (remaining <= 0)
        {
            return 0;
        }

        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        position += n;
        if (n > 0)
        {
            progress?.Transferred(n);
        }

        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var remaining = limit - position;
        if (remaining <= 0)
        {
            return 0;
        }

        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, remaining)], cancellationToken).ConfigureAwait(false);
        position += n;
        if (n > 0)
        {
            progress?.Transferred(n);
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
