namespace Ommx.Integration.Distribution;

/// <summary>
/// A read-only view of at most <c>limit</c> bytes of another stream that reports every read to a
/// progress sink; used for upload bodies (whole blobs or one chunk) and download bodies.
/// </summary>
internal sealed class ProgressStream : ReadOnlyPassThroughStream
{
    private readonly long limit;
    private readonly ITransferProgress? progress;
    private long position;

    public ProgressStream(Stream inner, long limit, ITransferProgress? progress)
        : base(inner)
    {
        this.limit = limit;
        this.progress = progress;
    }

    public override long Length => limit;

    protected override long BytesRead => position;

    public override int Read(Span<byte> buffer)
    {
        var remaining = limit - position;
        if (remaining <= 0)
        {
            return 0;
        }

        var n = Inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
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

        var n = await Inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, remaining)], cancellationToken).ConfigureAwait(false);
        position += n;
        if (n > 0)
        {
            progress?.Transferred(n);
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
