using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Leases;

/// <summary>
/// A writer's claim on the blobs it has written but not yet published. While the lease is live, GC treats
/// every registered digest as a root. Register a digest <em>before</em> the blob is renamed into place
/// (<see cref="BlobStore.Put(ReadOnlySpan{byte}, WriterLease?)"/> does it); a timer keeps the heartbeat fresh;
/// disposing releases the lease once what it protected is reachable from a ref or a Run journal.
/// Thread-safe.
/// </summary>
internal sealed class WriterLease : IDisposable
{
    private readonly LeaseStore store;
    private readonly LeaseOptions options;
    private readonly HashSet<Digest> registered = [];
    private readonly HashSet<Digest> stored = [];
    private long confirmedAt = Environment.TickCount64;
    private readonly Lock gate = new();
    private readonly Timer timer;
    private LeaseInfo info;
    private bool disposed;

    internal WriterLease(LeaseStore store, LeaseKind kind, string? subject, LeaseOptions options)
    {
        this.store = store;
        this.options = options;
        info = store.Insert(kind, subject, options.Expiry);
        timer = new Timer(_ => Beat(), null, options.HeartbeatInterval, options.HeartbeatInterval);
    }

    public string Id => info.Id;

    public LeaseKind Kind => info.Kind;

    public string? Subject => info.Subject;

    /// <summary>How many distinct digests this lease has registered.</summary>
    public int RegisteredCount
    {
        get
        {
            lock (gate)
            {
                return registered.Count;
            }
        }
    }

    /// <summary>How often the lease found its row gone (reclaimed as expired) and re-created it under a new id.</summary>
    public int Renewals { get; private set; }

    public void Register(Digest digest) => Register([digest]);

    /// <summary>Registers digests not registered yet, all in one SQLite transaction (nothing if all are known).</summary>
    public void Register(IEnumerable<Digest> digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var fresh = digests.Where(d => !registered.Contains(d)).Distinct().ToList();
            if (fresh.Count == 0)
            {
                return;
            }

            store.Register(info.Id, fresh);
            registered.UnionWith(fresh);
        }
    }

    /// <summary>
    /// Notes that <paramref name="digest"/>, registered in this lease, is now in the blob store (written or verified
    /// by this process): see <see cref="HoldsStored"/>.
    /// </summary>
    public void NoteStored(Digest digest)
    {
        lock (gate)
        {
            if (!disposed && registered.Contains(digest))
            {
                stored.Add(digest);
            }
        }
    }

    /// <summary>
    /// True when this process stored <paramref name="digest"/> under this lease and the lease is certainly live:
    /// its row was confirmed (created or heartbeat written) less than half the expiry ago, so no GC can judge it
    /// expired, and GC deletes no blob a live lease holds. A put of such a digest can skip the store's reuse
    /// path (lock, re-hash, touch); the caller still checks that the file is there. Renewal (someone judged the
    /// lease expired, so a GC may have deleted its blobs) forgets every digest.
    /// </summary>
    public bool HoldsStored(Digest digest)
    {
        lock (gate)
        {
            return !disposed && Environment.TickCount64 - confirmedAt < options.Expiry.TotalMilliseconds / 2 && stored.Contains(digest);
        }
    }

    /// <summary>Changes what the lease says it works on (an Experiment renamed before commit).</summary>
    public void SetSubject(string? subject)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            store.SetSubject(info.Id, subject);
            info = info with { Subject = subject };
        }
    }

    /// <summary>Updates the heartbeat now (the timer does it every <see cref="LeaseOptions.HeartbeatInterval"/>).</summary>
    public void Beat()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            try
            {
                var beatAt = Environment.TickCount64;
                if (!store.Heartbeat(info.Id))
                {
                    Renew();
                }

                confirmedAt = beatAt;
            }
            catch (Exception e) when (e is OmmxException or InvalidOperationException)
            {
                // A busy or unavailable lease file (or a registry disposed before this lease): the next beat
                // tries again; expiry allows for missed beats. A timer callback must never throw.
            }
        }
    }

    /// <summary>
    /// Someone judged this lease expired and removed it (a long stall, a clock jump): take a new lease under a
    /// new id — so a GC that decided the old id was dead does not treat the new one so — and re-register.
    /// </summary>
    private void Renew()
    {
        stored.Clear();
        info = store.Insert(info.Kind, info.Subject, options.Expiry);
        store.Register(info.Id, registered);
        Renewals++;
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        timer.Dispose();
        try
        {
            store.Delete(info.Id);
        }
        catch (Exception e) when (e is OmmxException or InvalidOperationException)
        {
            // Left behind (lease file unavailable, or the registry was disposed first): it expires when this
            // process ends, and GC or doctor --fix removes it.
        }
    }
}
