namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// The result of one GC pass, with OMMX's fields (roots, reachable, orphan candidates, deferred, missing,
/// invalid manifests; deleted and skipped when deleting) plus stale temp files and problems stepped around.
/// </summary>
public sealed record GcReport
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

    public long ReachableSize => ReachableBlobs.Sum(b => b.Size);

    public long OrphanCandidateSize => OrphanCandidates.Sum(b => b.Size);

    public long DeferredSize => DeferredBlobs.Sum(b => b.Size);

    public long DeletedSize => DeletedBlobs.Sum(b => b.Size);
}
