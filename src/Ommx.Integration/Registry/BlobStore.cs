using System.Security.Cryptography;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Registry;

/// <summary>
/// The content-addressed blob store <c>&lt;root&gt;/blobs/sha256/&lt;hex&gt;</c>, written with OMMX's
/// protocol: temp file in the same directory, fsync, <c>blobs/.lock</c>, no-clobber rename; an existing
/// blob is verified and its mtime touched instead of rewritten, and a corrupt one is replaced by the verified
/// copy being written. Every read verifies the digest.
/// </summary>
internal sealed class BlobStore
{
    private const int CopyBufferSize = 1 << 20;
    private readonly Action? beforeFirstWrite;
    private UnixFileMode? defaultFileMode;
    private bool firstWriteDone;

    public BlobStore(string registryRoot)
    {
        BlobsDirectory = Path.Combine(registryRoot, "blobs");
        Sha256Directory = Path.Combine(BlobsDirectory, Digest.Sha256Algorithm);
        LockPath = Path.Combine(BlobsDirectory, ".lock");
    }

    /// <summary>
    /// A store that runs <paramref name="beforeFirstWrite"/> once before it writes its first blob (a registry whose index
    /// is opened on first use creates the index there: a root holding blobs without an index is not a Local Registry).
    /// </summary>
    public BlobStore(string registryRoot, Action beforeFirstWrite)
        : this(registryRoot)
    {
        this.beforeFirstWrite = beforeFirstWrite;
    }

    private void BeforeWrite()
    {
        if (beforeFirstWrite is not null && !Volatile.Read(ref firstWriteDone))
        {
            beforeFirstWrite();
            Volatile.Write(ref firstWriteDone, true);
        }
    }

    public string BlobsDirectory { get; }

    public string Sha256Directory { get; }

    /// <summary><c>blobs/.lock</c>, held for every publish and every GC deletion.</summary>
    public string LockPath { get; }

    public string PathFor(Digest digest) => Path.Combine(Sha256Directory, digest.Hex);

    public bool Exists(Digest digest) => File.Exists(PathFor(digest));

    /// <summary>Size of the stored file, or <c>null</c> if absent. No hashing.</summary>
    public long? SizeOf(Digest digest)
    {
        var info = new FileInfo(PathFor(digest));
        return info.Exists ? info.Length : null;
    }

    internal FileLock AcquireLock()
    {
        Directory.CreateDirectory(BlobsDirectory);
        return FileLock.Acquire(LockPath);
    }

    /// <summary>Stores bytes and returns their digest (no lease: only safe while no GC runs with a zero grace period).</summary>
    public Digest Put(ReadOnlySpan<byte> bytes) => Put(bytes, null);

    /// <summary>
    /// Stores bytes and returns their digest. The digest is registered in <paramref name="lease"/> before the
    /// blob is renamed into place (or an existing copy is touched), so a concurrent GC either sees the lease
    /// or deletes the old copy before this writer takes <c>blobs/.lock</c> and writes its own.
    /// </summary>
    public Digest Put(ReadOnlySpan<byte> bytes, WriterLease? lease)
    {
        var digest = Digest.Compute(bytes);
        var finalPath = PathFor(digest);
        if (lease is not null && lease.HoldsStored(digest) && File.Exists(finalPath))
        {
            // Stored by this process under this lease, which is live: no GC deletes it while the lease lives, so
            // there is nothing to verify, touch or lock for (a test writing the same output in every test).
            return digest;
        }

        BeforeWrite();
        lease?.Register(digest);
        Directory.CreateDirectory(Sha256Directory);
        if (File.Exists(finalPath) && TryReuseExisting(finalPath, digest, bytes.Length))
        {
            lease?.NoteStored(digest);
            return digest;
        }

        var tempPath = CreateTempFile(out var temp);
        try
        {
            using (temp)
            {
                try
                {
                    temp.Write(bytes);
                    temp.Flush(flushToDisk: true);
                }
                catch (IOException e) when (DiskFull.Is(e))
                {
                    throw DiskFull.Error(tempPath, e);
                }

                PublishHolding(temp, tempPath, finalPath, digest, bytes.Length);
            }
        }
        finally
        {
            TryDelete(tempPath);
        }

        lease?.NoteStored(digest);
        return digest;
    }

    /// <summary>
    /// Streams <paramref name="source"/> into the store without holding it in memory, hashing while copying.
    /// A reader error aborts and leaves no temp file behind.
    /// </summary>
    public (Digest Digest, long Size) Put(Stream source) => Put(source, null);

    /// <summary>Streams a blob in; its digest is registered in <paramref name="lease"/> before it is published.</summary>
    public (Digest Digest, long Size) Put(Stream source, WriterLease? lease)
    {
        using var staged = Stage(source);
        staged.Commit(lease);
        return (staged.Digest, staged.Size);
    }

    /// <summary>
    /// Writes <paramref name="source"/> to a temp file in the store (hashed, fsynced) without publishing it.
    /// <see cref="StagedBlob.Commit(WriterLease?)"/> publishes it; disposing an uncommitted one deletes it. Importers
    /// stage every blob first so a rejected archive leaves the store unchanged.
    /// </summary>
    public StagedBlob Stage(Stream source, long? maxBytes = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        BeforeWrite();
        Directory.CreateDirectory(Sha256Directory);
        var tempPath = CreateTempFile(out var temp);
        try
        {
            long size = 0;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[CopyBufferSize];
                while (true)
                {
                    int n;
                    try
                    {
                        n = source.Read(buffer, 0, buffer.Length);
                    }
                    catch (IOException e)
                    {
                        throw new OmmxException($"Failed to read blob input: {e.Message}", e);
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    size += n;
                    if (size > maxBytes)
                    {
                        throw new OmmxException($"Blob input is larger than the expected {maxBytes} bytes");
                    }

                    hash.AppendData(buffer, 0, n);
                    WriteOrFail(temp, tempPath, () => temp.Write(buffer, 0, n));
                }

                WriteOrFail(temp, tempPath, () => temp.Flush(flushToDisk: true));
                // The open stream keeps the temp file locked, so GC leaves it alone until it is published.
                return new StagedBlob(this, temp, tempPath, Digest.FromHash(hash.GetHashAndReset()), size);
            }
        }
        catch
        {
            temp.Dispose();
            TryDelete(tempPath);
            throw;
        }
    }

    private static void WriteOrFail(FileStream temp, string tempPath, Action write)
    {
        try
        {
            write();
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            throw DiskFull.Error(tempPath, e);
        }
    }

    internal void PublishStaged(FileStream temp, string tempPath, Digest digest, long size)
    {
        try
        {
            using (temp)
            {
                PublishHolding(temp, tempPath, PathFor(digest), digest, size);
            }
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    /// <summary>
    /// Publishes a temp file while its stream is still open on Unix, so its lock covers the whole life of
    /// the temp file and GC never removes a temp file a live writer is about to rename. (Windows cannot
    /// rename an open file: there the stream is closed first.)
    /// </summary>
    private void PublishHolding(FileStream temp, string tempPath, string finalPath, Digest digest, long length)
    {
        if (OperatingSystem.IsWindows())
        {
            temp.Dispose();
        }

        Publish(tempPath, finalPath, digest, length);
    }

    /// <summary>Reads a whole blob and verifies its sha256.</summary>
    public byte[] Read(Digest digest)
    {
        var path = PathFor(digest);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            throw new BlobNotFoundException(digest, $"Failed to read blob {path}: {e.Message}", e);
        }

        if (Digest.Compute(bytes) != digest)
        {
            throw new OmmxException($"Blob digest verification failed for {digest}");
        }

        return bytes;
    }

    /// <summary>Reads a blob and checks it against a descriptor's digest and size.</summary>
    public byte[] Read(Descriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var bytes = Read(descriptor.Digest);
        if (bytes.LongLength != descriptor.Size)
        {
            throw new OmmxException(
                $"Descriptor size mismatch for {descriptor.Digest}: descriptor={descriptor.Size}, actual={bytes.LongLength}");
        }

        return bytes;
    }

    /// <summary>
    /// Opens a blob for streaming; the stream throws at its end if the bytes do not hash to the digest
    /// or the length differs from <paramref name="expectedSize"/>.
    /// </summary>
    public Stream OpenVerifiedRead(Digest digest, long? expectedSize = null)
    {
        var path = PathFor(digest);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, CopyBufferSize);
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            throw new BlobNotFoundException(digest, $"Failed to read blob {path}: {e.Message}", e);
        }

        return new VerifyingReadStream(file, digest, expectedSize);
    }

    private bool TryReuseExisting(string finalPath, Digest digest, long length)
    {
        using var guard = AcquireLock();
        // A corrupt existing copy is not reused: the caller writes a verified one that replaces it.
        return File.Exists(finalPath) && VerifyExistingAndTouch(finalPath, digest, length);
    }

    private void Publish(string tempPath, string finalPath, Digest digest, long length)
    {
        using var guard = AcquireLock();
        if (File.Exists(finalPath))
        {
            if (VerifyExistingAndTouch(finalPath, digest, length))
            {
                return;
            }

            // The existing copy fails its hash or size check and the temp file is a verified copy (its bytes
            // were hashed on the way in): the good copy replaces the corrupt one. This is the repair that
            // `ommx doctor` suggests (re-import the archive, or pull).
            File.Move(tempPath, finalPath, overwrite: true);
            FinishPublished(finalPath);
            return;
        }

        try
        {
            File.Move(tempPath, finalPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(finalPath))
        {
            if (VerifyExistingAndTouch(finalPath, digest, length))
            {
                return;
            }

            File.Move(tempPath, finalPath, overwrite: true);
        }

        FinishPublished(finalPath);
    }

    private void FinishPublished(string finalPath)
    {
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(finalPath, DefaultFileMode());
            }

            File.SetLastWriteTimeUtc(finalPath, DateTime.UtcNow);
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            TryDelete(finalPath);
            throw new OmmxException($"Failed to finish blob {finalPath}: {e.Message}", e);
        }
    }

    /// <summary>True (and the mtime touched) when the existing file has the right size and hash; false when it is corrupt.</summary>
    private static bool VerifyExistingAndTouch(string path, Digest digest, long length)
    {
        if (new FileInfo(path).Length != length)
        {
            return false;
        }

        // Unbuffered: the hash reads in its own chunks (a 1 MiB buffer per check was most of a small blob's reuse cost).
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0))
        {
            if (Digest.FromHash(SHA256.HashData(file)) != digest)
            {
                return false;
            }
        }

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        return true;
    }

    private string CreateTempFile(out FileStream stream)
    {
        while (true)
        {
            var path = Path.Combine(Sha256Directory, $".blob-{RandomSuffix()}.tmp");
            try
            {
                var options = new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    BufferSize = 0,
                };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                stream = new FileStream(path, options);
                return path;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Name collision: pick another.
            }
        }
    }

    /// <summary>What a fresh 0666 file gets under the current umask (learned once from a probe file).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private UnixFileMode DefaultFileMode()
    {
        if (defaultFileMode is { } known)
        {
            return known;
        }

        var probe = Path.Combine(Sha256Directory, $".blob-permission-{RandomSuffix()}");
        const UnixFileMode rw = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
            | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        using (new FileStream(probe, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = rw }))
        {
        }

        try
        {
            var mode = File.GetUnixFileMode(probe);
            defaultFileMode = mode;
            return mode;
        }
        finally
        {
            TryDelete(probe);
        }
    }

    /// <summary>
    /// Whether <paramref name="fileName"/> is one a blob writer creates (ours or OMMX's): <c>.blob-XXXXXX.tmp</c>
    /// or the umask probe <c>.blob-permission-XXXXXX</c>, with ASCII letters and digits for X. Other files that
    /// merely start with <c>.blob-</c> are not a writer's, and GC and <c>doctor --fix</c> leave them alone.
    /// </summary>
    public static bool IsWriterTempFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        const string prefix = ".blob-";
        const string probePrefix = ".blob-permission-";
        if (fileName.StartsWith(probePrefix, StringComparison.Ordinal))
        {
            var random = fileName.AsSpan(probePrefix.Length);
            return random.Length is >= 6 and <= 16 && IsRandomSuffix(random);
        }

        return fileName.Length == prefix.Length + 6 + ".tmp".Length
            && fileName.StartsWith(prefix, StringComparison.Ordinal)
            && fileName.EndsWith(".tmp", StringComparison.Ordinal)
            && IsRandomSuffix(fileName.AsSpan(prefix.Length, 6));
    }

    private static bool IsRandomSuffix(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string RandomSuffix()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Create(6, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            // Best effort; a leftover temp file is reported and removed by GC later.
        }
    }
}
