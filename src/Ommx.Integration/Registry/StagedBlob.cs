using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Registry;

/// <summary>A blob written to a temp file in the store but not yet published under its digest.</summary>
internal sealed class StagedBlob : IDisposable
{
    private readonly BlobStore store;
    private readonly FileStream temp;
    private bool done;

    internal StagedBlob(BlobStore store, FileStream temp, string tempPath, Digest digest, long size)
    {
        this.store = store;
        this.temp = temp;
        TempPath = tempPath;
        Digest = digest;
        Size = size;
    }

    public Digest Digest { get; }

    public long Size { get; }

    internal string TempPath { get; }

    /// <summary>Reads the staged bytes (small blobs: manifests, configs).</summary>
    public byte[] ReadAllBytes()
    {
        // Through the writer's own stream: it holds the temp file's lock, which a second handle would hit.
        ObjectDisposedException.ThrowIf(done, this);
        var bytes = new byte[temp.Length];
        temp.Position = 0;
        temp.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Publishes the blob under its digest (no-clobber; an identical existing blob is verified and touched).</summary>
    public void Commit() => Commit(null);

    /// <summary>Registers the digest in <paramref name="lease"/>, then publishes (see <see cref="BlobStore.Put(ReadOnlySpan{byte}, WriterLease?)"/>).</summary>
    public void Commit(WriterLease? lease)
    {
        ObjectDisposedException.ThrowIf(done, this);
        lease?.Register(Digest);
        done = true;
        store.PublishStaged(temp, TempPath, Digest, Size);
    }

    public void Dispose()
    {
        if (!done)
        {
            done = true;
            temp.Dispose();
            BlobStore.TryDelete(TempPath);
        }
    }
}
