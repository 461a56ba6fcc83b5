using Ommx.Integration.Oci;

namespace Ommx.Integration.Distribution;

/// <summary>Receives progress of a push or pull: each blob's outcome and the bytes moved over the wire.</summary>
internal interface ITransferProgress
{
    /// <summary>The blobs this transfer may move (known before the first byte).</summary>
    void Planned(int blobCount, long totalBytes);

    /// <summary>Bytes sent or received (for a retried blob, the bytes of each attempt are reported).</summary>
    void Transferred(long bytes);

    void BlobDone(Descriptor blob, BlobTransfer outcome);
}
