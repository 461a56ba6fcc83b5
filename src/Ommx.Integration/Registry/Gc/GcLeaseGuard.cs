using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// GC's view of the writer leases. The set of expired lease ids is fixed when marking begins; any other
/// lease id — live then, or created since — protects what it registered. (An expired lease cannot come
/// back: a writer that finds its row gone re-registers under a new id.)
/// </summary>
internal sealed class GcLeaseGuard
{
    private readonly LocalRegistry registry;
    private readonly HashSet<string> expiredIds;

    private GcLeaseGuard(LocalRegistry registry, HashSet<string> expiredIds)
    {
        this.registry = registry;
        this.expiredIds = expiredIds;
    }

    public static GcLeaseGuard Read(LocalRegistry registry, GcMarkResult result)
    {
        var leases = registry.ListLeases();
        result.Leases.AddRange(leases);
        return new GcLeaseGuard(registry, leases.Where(l => l.IsExpired).Select(l => l.Id).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Digests registered by leases that are not expired (for the mark phase).</summary>
    public IEnumerable<Digest> LiveDigests() =>
        registry.LeaseFile(create: false)?.AllDigests().Where(r => !expiredIds.Contains(r.LeaseId)).Select(r => r.Digest).Distinct() ?? [];

    /// <summary>Whether a lease that is not expired holds <paramref name="digest"/> now.</summary>
    public bool IsLeased(Digest digest) =>
        registry.LeaseFile(create: false)?.Holders(digest).Any(id => !expiredIds.Contains(id)) ?? false;
}
