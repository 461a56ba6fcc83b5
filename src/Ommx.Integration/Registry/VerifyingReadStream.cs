using System.Security.Cryptography;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>A read-only stream that hashes what passes through and fails at the end on a mismatch.</summary>
internal sealed class VerifyingReadStream : ReadOnlyPassThroughStream
{
    private readonly Digest expected;
    private readonly long? expectedSize;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long read;
    private bool verified;

    public VerifyingReadStream(Stream inner, Digest expected, long? expectedSize)
        : base(inner)
    {
        this.expected = expected;
        this.expectedSize = expectedSize;
    }

    protected override long BytesRead => read;

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
