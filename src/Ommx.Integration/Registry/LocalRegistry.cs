using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Registry;

/// <summary>
/// The OMMX v3 Local Registry: a content-addressed blob store plus a SQLite index of refs, shared with
/// the OMMX Python SDK. This type holds the primitives (blobs, manifests, refs); GC, listing, pruning and
/// archives build on them.
/// </summary>
public sealed partial class LocalRegistry : IDisposable
{
    internal const string GcExclusionLockFileName = ".gc-exclusion.lock";
    private readonly Lock leaseGate = new();
    private readonly Lock indexGate = new();
    private readonly Func<RegistryIndex>? openIndex;
    private LeaseStore? leases;
    private RegistryIndex? index;
    private bool disposed;

    private LocalRegistry(string root, RegistryIndex index)
    {
        Root = root;
        this.index = index;
        Blobs = new BlobStore(root);
    }

    /// <summary>A writable registry whose index is opened by <paramref name="openIndex"/> on first use (<see cref="OpenIndexOnFirstUse"/>).</summary>
    private LocalRegistry(string root, Func<RegistryIndex> openIndex)
    {
        Root = root;
        this.openIndex = openIndex;
        Blobs = new BlobStore(root, EnsureIndexFile);
    }

    /// <summary>Before the first blob goes into a root without an index, the index is created: blobs without one are refused as not a Local Registry.</summary>
    private void EnsureIndexFile()
    {
        if (!IsIndexOpen && new FileInfo(Path.Combine(Root, RegistryIndex.FileName)) is not { Exists: true, Length: > 0 })
        {
            _ = Index;
        }
    }

    /// <summary>The directory as given (not normalised), which reports print.</summary>
    public string Root { get; }

    internal BlobStore Blobs { get; }

    internal RegistryIndex Index
    {
        get
        {
            if (Volatile.Read(ref index) is { } open)
            {
                return open;
            }

            lock (indexGate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return index ??= openIndex!();
            }
        }
    }

    /// <summary>Whether the index is open (always, unless opened by <see cref="OpenIndexOnFirstUse"/> and not used yet).</summary>
    internal bool IsIndexOpen => Volatile.Read(ref index) is not null;

    internal string GcExclusionLockPath => Path.Combine(Root, GcExclusionLockFileName);

    /// <summary>Opens (creating if needed) the registry at <paramref name="root"/>, or the default root.</summary>
    public static LocalRegistry Open(string? root = null) => Open(root, RegistryAccess.Write);

    /// <summary>
    /// Opens the registry for what the caller is about to do (see <see cref="RegistryAccess"/>). Whatever the
    /// access, a root that holds blobs but no (or an empty) index, or an OCI image layout, is refused with
    /// <see cref="NotALocalRegistryException"/>: opened as an empty registry, all its blobs would look unreachable.
    /// </summary>
    internal static LocalRegistry Open(string? root, RegistryAccess access)
    {
        var resolved = CheckRoot(root, access);

        if (access == RegistryAccess.Read)
        {
            return new LocalRegistry(resolved, RegistryIndex.OpenReadOnly(resolved) ?? RegistryIndex.OpenEmpty());
        }

        return new LocalRegistry(resolved, OpenWritableIndex(resolved));
    }

    /// <summary>
    /// Opens the registry for writing with the root checked now (as <see cref="Open(string?)"/> checks it: file-system
    /// probes) and the index (SQLite) opened on first use. For a writer that may never need the index: the test host
    /// of a build session stores blobs under a lease and journals Runs, and the build step after the tests publishes,
    /// so a host that only records never opens, creates or checkpoints the index. A root whose file system is
    /// read-only is then refused on first use of the index, with the same <see cref="ReadOnlyRegistryException"/>.
    /// </summary>
    internal static LocalRegistry OpenIndexOnFirstUse(string? root)
    {
        var resolved = CheckRoot(root, RegistryAccess.Write);
        return new LocalRegistry(resolved, () => OpenWritableIndex(resolved));
    }

    private static RegistryIndex OpenWritableIndex(string resolved)
    {
        try
        {
            return RegistryIndex.Open(resolved);
        }
        catch (Exception e) when (IsReadOnlyFileSystem(e))
        {
            throw new ReadOnlyRegistryException(resolved, e);
        }
    }

    /// <summary>
    /// The checks <see cref="Open(string?)"/> makes before it touches the index, file-system probes only: the root resolved,
    /// not a file, and (when it exists) shaped like a Local Registry. Returns the resolved root.
    /// </summary>
    internal static string CheckRoot(string? root, RegistryAccess access = RegistryAccess.Write)
    {
        var resolved = LocalRegistryRoot.Resolve(root);
        if (File.Exists(resolved))
        {
            throw new OmmxException($"Local Registry root {resolved} is a file, not a directory");
        }

        if (access != RegistryAccess.Write && !Directory.Exists(resolved))
        {
            throw new RegistryRootNotFoundException(resolved);
        }

        if (Directory.Exists(resolved))
        {
            RootShape.RequireLocalRegistry(resolved);
        }

        return resolved;
    }

    /// <summary>
    /// Opens a registry for <c>ommx doctor</c>: read-only, and a root that is not a Local Registry opens as an
    /// empty one with <see cref="RootProblem"/> saying why, so the doctor can report it instead of failing.
    /// </summary>
    internal static LocalRegistry OpenForDiagnosis(string? root)
    {
        var resolved = LocalRegistryRoot.Resolve(root);
        if (!Directory.Exists(resolved))
        {
            throw File.Exists(resolved)
                ? new OmmxException($"Local Registry root {resolved} is a file, not a directory")
                : new RegistryRootNotFoundException(resolved);
        }

        if (RootShape.NotALocalRegistry(resolved) is { } problem)
        {
            return new LocalRegistry(resolved, RegistryIndex.OpenEmpty()) { RootProblem = problem };
        }

        return new LocalRegistry(resolved, RegistryIndex.OpenReadOnly(resolved) ?? RegistryIndex.OpenEmpty());
    }

    /// <summary>Why this root is not a Local Registry (only set by <see cref="OpenForDiagnosis"/>), or <c>null</c>.</summary>
    internal string? RootProblem { get; private init; }

    /// <summary>Opened with <see cref="RegistryAccess.Read"/>: the index is never written.</summary>
    public bool IsReadOnly => openIndex is null && Index.IsReadOnly;

    private static bool IsReadOnlyFileSystem(Exception e) => e switch
    {
        // SQLITE_READONLY, SQLITE_CANTOPEN
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode is 8 or 14,
        UnauthorizedAccessException => true,
        IOException io => io.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>Heartbeat and expiry of the leases this instance hands out.</summary>
    internal LeaseOptions LeaseOptions { get; set; } = LeaseOptions.Default;

    /// <summary>
    /// Test seam: runs in an import between its early ref-conflict check and the transaction that publishes,
    /// where another process may take the ref. Null (nothing runs) outside tests.
    /// </summary>
    internal Action<ImageReference>? AfterImportConflictCheck { get; set; }

    /// <summary>
    /// Takes a writer lease (see <see cref="WriterLease"/>): pass it to <see cref="BlobStore.Put(ReadOnlySpan{byte}, WriterLease?)"/>
    /// for every blob the writer stores, and dispose it once what it wrote is published. Experiments and imports
    /// take one themselves; a pull (or any other writer) takes one here.
    /// </summary>
    internal WriterLease AcquireLease(LeaseKind kind, string? subject = null) => new(LeaseFile(create: true)!, kind, subject, LeaseOptions);

    /// <summary>Every writer lease in the lease file, with its state decided now (empty when no writer ever took one).</summary>
    internal IReadOnlyList<LeaseInfo> ListLeases() => LeaseFile(create: false)?.List() ?? [];

    /// <summary>The lease file, opened on first use; <c>null</c> when it does not exist and need not be created.</summary>
    internal LeaseStore? LeaseFile(bool create)
    {
        lock (leaseGate)
        {
            leases ??= LeaseStore.Open(Root, create);
            return leases;
        }
    }

    /// <summary>This registry's 32-hex id (created on first use); its first 8 chars name anonymous repositories.</summary>
    public string RegistryId => Index.GetOrCreateRegistryId();

    /// <summary>The manifest digest a ref points to, or <c>null</c> (also for a digest reference whose row names another manifest).</summary>
    public Digest? Resolve(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var row = Index.Find(image.RepositoryKey, image.Reference);
        // A digest reference resolves only to the manifest it names, whatever a (corrupt or forged) row says.
        return row is not null && Digest.TryParse(row.ManifestDigest, out var d) && DigestReferences.Agrees(image.Reference, row.ManifestDigest) ? d : null;
    }

    internal RegistryRef? FindRef(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Index.Find(image.RepositoryKey, image.Reference);
    }

    /// <summary>Serialises a manifest canonically, stores it, and returns its descriptor.</summary>
    internal Descriptor StoreManifest(ImageManifest manifest) => StoreManifestKeepingBytes(manifest).Descriptor;

    /// <summary>Stores a manifest and returns it with its exact bytes, so callers need not read it back.</summary>
    internal StoredManifest StoreManifestKeepingBytes(ImageManifest manifest, WriterLease? lease = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var bytes = manifest.ToCanonicalJson();
        return new StoredManifest(Blobs.Put(bytes, lease), bytes, manifest);
    }

    /// <summary>Reads and parses a stored OMMX manifest (digest verified).</summary>
    internal StoredManifest ReadManifest(Digest digest)
    {
        var bytes = Blobs.Read(digest);
        return new StoredManifest(digest, bytes, ImageManifest.ParseOmmx(bytes));
    }

    /// <summary>
    /// Publishes <paramref name="image"/> → <paramref name="manifestDigest"/> without moving an existing ref:
    /// <see cref="PublishOutcome.Conflicted"/> when the ref points elsewhere (nothing written).
    /// </summary>
    internal PublishResult Publish(ImageReference image, Digest manifestDigest) => Publish(image, ReadManifest(manifestDigest));

    /// <summary>Publish for a manifest the caller already holds (just stored, or read and verified).</summary>
    internal PublishResult Publish(ImageReference image, StoredManifest stored)
    {
        ArgumentNullException.ThrowIfNull(image);
        var entry = BuildCacheEntry(stored);
        return IndexWrite(() => Index.Publish(image.RepositoryKey, image.Reference, entry));
    }

    /// <summary>Points <paramref name="image"/> at <paramref name="manifestDigest"/>, whatever it pointed to.</summary>
    internal PublishResult Replace(ImageReference image, Digest manifestDigest) => Replace(image, ReadManifest(manifestDigest));

    /// <summary>Replace for a manifest the caller already holds: no read-back.</summary>
    internal PublishResult Replace(ImageReference image, StoredManifest stored)
    {
        ArgumentNullException.ThrowIfNull(image);
        var entry = BuildCacheEntry(stored);
        return IndexWrite(() => Index.Replace(image.RepositoryKey, image.Reference, entry));
    }

    /// <summary>Removes a ref (blobs stay until GC); returns the removed row for rollback, or <c>null</c>.</summary>
    internal RegistryRef? Remove(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Index.Remove(image.RepositoryKey, image.Reference);
    }

    /// <summary>Every ref as stored, in (name, reference) order, optionally filtered by a plain string prefix.</summary>
    internal IReadOnlyList<RegistryRef> ListRefs(string? prefix = null) =>
        Index.ListRefRows(prefix).Select(RefRows.ToStrictRef).ToList();

    /// <summary>Every ref as a canonical image string (what <c>ommx list</c> prints); a corrupt row is an error.</summary>
    public IReadOnlyList<ImageReference> ListImages() =>
        Index.ListRefRows(null).Select(RefRows.ToStrictRef).Select(RefRows.ToImage).ToList();

    private T IndexWrite<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (DiskFull.Is(e))
        {
            throw DiskFull.Error(Path.Combine(Root, RegistryIndex.FileName), e);
        }
    }

    internal ManifestCacheEntry BuildCacheEntry(StoredManifest stored)
    {
        var manifest = stored.Manifest;
        byte[]? config = null;
        if (manifest.ArtifactType == MediaTypes.OmmxExperiment)
        {
            if (manifest.Config.MediaType != MediaTypes.ExperimentConfig)
            {
                throw new ManifestFormatException(
                    $"Experiment config media type is {manifest.Config.MediaType}, expected {MediaTypes.ExperimentConfig}");
            }

            config = Blobs.Read(manifest.Config);
        }

        return new ManifestCacheEntry(stored.Digest, stored.Bytes, manifest.ArtifactType!, manifest.Config.Digest)
        {
            ExperimentConfigJson = config,
        };
    }

    public void Dispose()
    {
        lock (leaseGate)
        {
            leases?.Dispose();
        }

        lock (indexGate)
        {
            disposed = true;
            index?.Dispose();
        }
    }
}
