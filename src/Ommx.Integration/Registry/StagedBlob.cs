using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>A blob written to a temp file in the store but not yet published under its digest.</summary>
public sealed class StagedBlob : IDisposable
{
    private readonly BlobStore store;
    private bool done;

    internal StagedBlob(BlobStore store, string tempPath, Digest digest, long size)
    {
        this.store = store;
        TempPath = tempPath;
        Digest = digest;
        Size = size;
    }

    public Digest Digest { get; }

    public long Size { get; }

    internal string TempPath { get; }

    /// <summary>Reads the staged bytes (small blobs: manifests, configs).</summary>
    public byte[] ReadAllBytes() => File.ReadAllBytes(TempPath);

    /// <summary>Publishes the blob under its digest (no-clobber; an identical existing blob is verified and touched).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(done, this);
        done = true;
        store.PublishStaged(TempPath, Digest, Size);
    }

    public void Dispose()
    {
        if (!done)
        {
            done = true;
            BlobStore.TryDelete(TempPath);
        }
    }
}
