using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Registry.Gc;

/// <summary>The mutable state of one mark phase and its classification.</summary>
internal sealed class GcMarkResult
{
    private readonly BlobScan scan;
    private readonly HashSet<Digest> marked = [];

    public GcMarkResult(BlobScan scan, DateTime now)
    {
        this.scan = scan;
        Now = now;
    }

    public DateTime Now { get; }

    public List<GcRoot> Roots { get; } = [];

    public List<GcMissingBlob> Missing { get; } = [];

    public List<GcInvalidManifest> Invalid { get; } = [];

    public List<GcProblem> Problems { get; } = [];

    public List<GcBlob> Reachable { get; } = [];

    public List<GcBlob> OrphanCandidates { get; } = [];

    public List<GcBlob> Deferred { get; } = [];

    public List<string> StaleTempFiles { get; } = [];

    /// <summary>Why no blob may be deleted in this pass (a ref whose manifest cannot be verified); empty when deletion may go on.</summary>
    public List<GcProblem> DeletionHolds { get; } = [];

    /// <summary>Holds every deletion of this pass (during marking and during the sweep's re-checks alike).</summary>
    public void HoldDeletion(Digest manifest, string reason)
    {
        if (DeletionHolds.All(h => h.Subject != manifest.ToString()))
        {
            DeletionHolds.Add(new GcProblem(manifest.ToString(), reason));
        }
    }

    /// <summary>Every lease in the lease file when marking began (live and expired).</summary>
    public List<LeaseInfo> Leases { get; } = [];

    /// <summary>True while marking; during the sweep's re-checks, digests are marked without being reported.</summary>
    public bool Reporting { get; set; } = true;

    public bool IsMarked(Digest digest) => marked.Contains(digest);

    /// <summary>
    /// Whether a blob file exists for a digest: in the scan, or written since (a manifest published after the
    /// scan must still be read, or the older blobs it references would look unreachable).
    /// </summary>
    public bool HasBlob(Digest digest, BlobStore store) => scan.Blobs.ContainsKey(digest) || store.Exists(digest);

    public void MarkDigest(Digest digest, Digest? referencedBy, GcReferenceKind kind, BlobStore store)
    {
        if (marked.Add(digest) && Reporting && !HasBlob(digest, store))
        {
            Missing.Add(new GcMissingBlob(digest, referencedBy, kind));
        }
    }

    public void Classify(TimeSpan grace)
    {
        foreach (var (digest, file) in scan.Blobs.OrderBy(p => p.Key.Hex, StringComparer.Ordinal))
        {
            var blob = new GcBlob(digest, file.Size, new DateTimeOffset(file.ModifiedUtc, TimeSpan.Zero));
            if (marked.Contains(digest))
            {
                Reachable.Add(blob);
            }
            else if (IsOlderThan(file.ModifiedUtc, grace))
            {
                OrphanCandidates.Add(blob);
            }
            else
            {
                Deferred.Add(blob);
            }
        }

        StaleTempFiles.AddRange(scan.TempFiles.Where(t => IsOlderThan(t.ModifiedUtc, grace)).Select(t => t.Path).Order(StringComparer.Ordinal));
    }

    private bool IsOlderThan(DateTime modifiedUtc, TimeSpan grace)
    {
        var age = Now - modifiedUtc;
        return age >= TimeSpan.Zero && age >= grace;
    }

    public GcReport ToReport(string root, GcOptions options, bool deleteApplied) => new()
    {
        Root = root,
        DeleteApplied = deleteApplied,
        GracePeriod = options.GracePeriod,
        Roots = Roots,
        ReachableBlobs = Reachable,
        OrphanCandidates = OrphanCandidates,
        DeferredBlobs = Deferred,
        MissingBlobs = Missing,
        InvalidManifests = Invalid,
        StaleTempFiles = StaleTempFiles,
        Problems = Problems,
        Leases = Leases,
        DeletionHolds = DeletionHolds,
    };
}
