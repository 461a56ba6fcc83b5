using System.Security.Cryptography;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>A read-only stream that hashes what passes through and fails at the end on a mismatch.</summary>
internal sealed class VerifyingReadStream : Stream
{
    private readonly Stream inner;
    private readonly Digest expected;
    private readonly long? expectedSize;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long read;
    private bool verified;

    public VerifyingReadStream(Stream inner, Digest expected, long? expectedSize)
    {
        this.inner = inner;
        this.expected = expected;
        this.expectedSize = expectedSize;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            hash.AppendData(buffer[..n]);
            read += n;
            if (expectedSize is { } size && read > size)
            {
                throw new OmmxException($"Blob {expected} is larger than its declared size {size}");
            }
        }
        else if (buffer.Length > 0 && !verified)
        {
            verified = true;
            if (expectedSize is { } size && read != size)
            {
                throw new OmmxException($"Descriptor size mismatch for {expected}: descriptor={size}, actual={read}");
            }

            if (Digest.FromHash(hash.GetHashAndReset()) != expected)
            {
                throw new OmmxException($"Blob digest verification failed for {expected}");
            }
        }

        return n;
    }

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
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
