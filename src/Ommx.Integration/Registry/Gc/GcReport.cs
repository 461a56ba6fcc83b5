using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// The result of one GC pass, with OMMX's fields (roots, reachable, orphan candidates, deferred, missing,
/// invalid manifests; deleted and skipped when deleting) plus stale temp files and problems stepped around.
/// </summary>
internal record GcReport
{
    public required string Root { get; init; }

    public required bool DeleteApplied { get; init; }

    public required TimeSpan GracePeriod { get; init; }

    public required IReadOnlyList<GcRoot> Roots { get; init; }

    public required IReadOnlyList<GcBlob> ReachableBlobs { get; init; }

    /// <summary>Unreachable blobs older than the grace period (before deletion, in delete mode).</summary>
    public required IReadOnlyList<GcBlob> OrphanCandidates { get; init; }

    /// <summary>Unreachable blobs still inside the grace period (or with a future mtime).</summary>
    public required IReadOnlyList<GcBlob> DeferredBlobs { get; init; }

    public required IReadOnlyList<GcMissingBlob> MissingBlobs { get; init; }

    public required IReadOnlyList<GcInvalidManifest> InvalidManifests { get; init; }

    public IReadOnlyList<GcBlob> DeletedBlobs { get; init; } = [];

    /// <summary>Candidates touched by a writer between marking and deletion, so kept.</summary>
    public IReadOnlyList<GcBlob> SkippedBlobs { get; init; } = [];

    /// <summary><c>.blob-*.tmp</c> files left by crashed writers, older than the grace period.</summary>
    public IReadOnlyList<string> StaleTempFiles { get; init; } = [];

    /// <summary>Stale temp files removed (delete mode only).</summary>
    public IReadOnlyList<string> RemovedTempFiles { get; init; } = [];

    public IReadOnlyList<GcProblem> Problems { get; init; } = [];

    /// <summary>Writer leases found when marking began; live ones protected their digests.</summary>
    public IReadOnlyList<LeaseInfo> Leases { get; init; } = [];

    /// <summary>Leases whose writer is gone or silent: they protected nothing (the Experiments layer's GC recovers them first).</summary>
    public IReadOnlyList<LeaseInfo> ExpiredLeases => Leases.Where(l => l.IsExpired).ToList();

    /// <summary>Orphan candidates that the re-check under <c>blobs/.lock</c> found leased or newly reachable, so kept.</summary>
    public IReadOnlyList<GcBlob> RescuedBlobs { get; init; } = [];

    /// <summary>
    /// Refs whose manifest is missing, unreadable or fails its hash check in a way that hides what it names:
    /// while any is listed, GC deletes no blob (they stay in <see cref="HeldBlobs"/>) until a person restores
    /// a good copy (import, pull) or removes the ref.
    /// </summary>
    public IReadOnlyList<GcProblem> DeletionHolds { get; init; } = [];

    /// <summary>Orphan candidates not deleted because of <see cref="DeletionHolds"/> (delete mode only).</summary>
    public IReadOnlyList<GcBlob> HeldBlobs { get; init; } = [];

    public long ReachableSize => ReachableBlobs.Sum(b => b.Size);

    public long OrphanCandidateSize => OrphanCandidates.Sum(b => b.Size);

    public long DeferredSize => DeferredBlobs.Sum(b => b.Size);

    public long DeletedSize => DeletedBlobs.Sum(b => b.Size);
}
