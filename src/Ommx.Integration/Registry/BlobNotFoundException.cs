using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>A blob the caller needs is not in the store (or cannot be opened).</summary>
internal sealed class BlobNotFoundException : OmmxException
{
    public BlobNotFoundException(Digest digest, string message, Exception? innerException)
        : base(message, innerException) => Digest = digest;

    public Digest Digest { get; }
}
