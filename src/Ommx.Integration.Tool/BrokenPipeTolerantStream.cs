namespace Ommx.Integration.Tool;

/// <summary>
/// A write-only stream over standard output or error that, like .NET's own console streams, drops what is
/// written once the reader has gone (<c>EPIPE</c>, e.g. <c>ommx list | head -1</c>) instead of failing.
/// </summary>
internal sealed class BrokenPipeTolerantStream(Stream inner) : Stream
{
    private const int BrokenPipe = 32; // EPIPE on Linux and macOS
    private bool readerGone;

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
        if (readerGone)
        {
            return;
        }

        try
        {
            inner.Write(buffer);
        }
        catch (IOException e) when (e.HResult == BrokenPipe)
        {
            readerGone = true;
        }
    }

    public override void Flush()
    {
        if (readerGone)
        {
            return;
        }

        try
        {
            inner.Flush();
        }
        catch (IOException e) when (e.HResult == BrokenPipe)
        {
            readerGone = true;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
