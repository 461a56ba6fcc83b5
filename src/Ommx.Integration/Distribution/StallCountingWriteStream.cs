namespace Ommx.Integration.Distribution;

/// <summary>
/// The connection's stream as an upload body sees it: write-only; writes go out in slices of at most
/// 64 KiB, each counted for the <see cref="StallWatch"/> as it starts.
/// </summary>
internal sealed class StallCountingWriteStream(Stream target, StallWatch watch) : Stream
{
    private const int Slice = 64 << 10;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var slice = buffer[..Math.Min(Slice, buffer.Length)];
            watch.Moved(slice.Length);
            target.Write(slice);
            buffer = buffer[slice.Length..];
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var slice = buffer[..Math.Min(Slice, buffer.Length)];
            watch.Moved(slice.Length);
            await target.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
            buffer = buffer[slice.Length..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => target.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => target.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
