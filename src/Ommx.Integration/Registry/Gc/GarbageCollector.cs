namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// Mark-sweep GC of the blob store, as OMMX does it — mark from every ref through config, layers and
/// <c>subject</c> chains; classify unreachable blob files by the grace period; in delete mode hold
/// <c>.gc-exclusion.lock</c> for the whole pass — plus writer leases, which make a zero grace period safe
/// while writers run.
/// </summary>
/// <remarks>
/// <para><b>The protocol between writers and a deleting GC.</b> A writer registers a digest in its lease
/// (a committed row in <c>leases.sqlite3</c>) <em>before</em> it takes <c>blobs/.lock</c> to rename the blob
/// into place or touch an existing copy, and keeps it registered until the blob is reachable from a ref or a
/// Run journal line (it drops the lease only after publishing). GC unlinks candidates only while holding
/// <c>blobs/.lock</c>, and for each batch, under that lock, re-reads — in this order — the leases, then the
/// refs, then the journals, traversing anything new. So for every candidate either:</para>
/// <list type="bullet">
/// <item>the writer registered it before GC's lease read: GC sees a live lease and keeps it;</item>
/// <item>the writer dropped the lease before GC's lease read: it had published first, so GC's later ref or
/// journal read sees it reachable and keeps it;</item>
/// <item>the writer registers it after GC's lease read: it has not yet taken <c>blobs/.lock</c>, so it does
/// so after GC's deletion, finds the file missing and writes its own copy.</item>
/// </list>
/// <para>Expired leases (process gone on this host, or no heartbeat within the expiry) protect nothing; in
/// delete mode the caller's <c>beforeMark</c> step (the Experiments layer's stale-writer recovery) first turns
/// their recordings into interrupted checkpoints, under the GC exclusion lock.
/// Run journals are roots handed in by their owner (<see cref="IGcRootFiles"/>): this engine does not read them itself. Unlike OMMX, GC never fails on a corrupt ref row or an upper-case
/// blob name (it reports them and carries on), and it removes stale writer temp files that no live writer
/// holds locked.</para>
/// </remarks>
internal static class GarbageCollector
{
    /// <summary>Temp files younger than this are left alone whatever the grace period (a writer may be between creating and locking one).</summary>
    public static readonly TimeSpan MinimumTempFileAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// One GC pass. <paramref name="rootFiles"/> are the Run journals (their blobs are kept);
    /// <paramref name="beforeMark"/>, in delete mode only, runs under the GC exclusion lock before marking.
    /// </summary>
    public static GcReport Run(LocalRegistry registry, GcOptions options, IGcRootFiles rootFiles, Action? beforeMark = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rootFiles);
        if (!options.Delete)
        {
            var (dry, _, _) = Mark(registry, options, rootFiles);
            return dry.ToReport(registry.Root, options, deleteApplied: false);
        }

        using var exclusion = FileLock.Acquire(registry.GcExclusionLockPath);
        beforeMark?.Invoke();
        var (marked, leases, traversal) = Mark(registry, options, rootFiles);
        return Sweep(registry, options, marked, leases, traversal);
    }

    private static (GcMarkResult Result, GcLeaseGuard Leases, GcTraversal Traversal) Mark(LocalRegistry registry, GcOptions options, IGcRootFiles rootFiles)
    {
        var scan = BlobScan.Run(registry.Blobs);
        var result = new GcMarkResult(scan, DateTime.UtcNow);
        foreach (var path in scan.UpperCaseNames)
        {
            result.Problems.Add(new GcProblem(path, "Blob file name is upper-case hex; OCI digests are lower-case. Left in place."));
        }

        // Leases first, then refs, then journals: the order the protocol above relies on.
        var leases = GcLeaseGuard.Read(registry, result);
        var traversal = new GcTraversal(registry, result, rootFiles);
        traversal.AddProtected(leases.LiveDigests(), GcReferenceKind.LeasedDigest);
        traversal.AddRefs();
        // Blobs named by Run journals (recordings in progress or crashed) are protected like OMMX's protected digests.
        traversal.AddProtected(options.ProtectedDigests.Distinct(), GcReferenceKind.ProtectedDigest);
        traversal.AddJournals();
        traversal.Drain();
        result.Classify(options.GracePeriod);
        return (result, leases, traversal);
    }

    private static GcReport Sweep(LocalRegistry registry, GcOptions options, GcMarkResult marked, GcLeaseGuard leases, GcTraversal traversal)
    {
        var deleted = new List<GcBlob>();
        var skipped = new List<GcBlob>();
        var rescued = new List<GcBlob>();
        var removedTemps = new List<string>();
        var held = new List<GcBlob>();
        var cutoffTicks = marked.Now.Ticks - options.GracePeriod.Ticks;
        if (options.GracePeriod == TimeSpan.MaxValue || cutoffTicks < DateTime.MinValue.Ticks)
        {
            skipped.AddRange(marked.OrphanCandidates);
        }
        else
        {
            var cutoff = new DateTime(cutoffTicks, DateTimeKind.Utc);
            marked.Reporting = false;
            var batchIndex = 0;
            foreach (var batch in marked.OrphanCandidates.Chunk(Math.Max(1, options.SweepBatchSize)))
            {
                options.BeforeSweepBatch?.Invoke(batchIndex++);
                using var guard = registry.Blobs.AcquireLock();
                var leased = batch.Where(c => leases.IsLeased(c.Digest)).Select(c => c.Digest).ToHashSet();
                traversal.AddRefs();
                traversal.AddJournals();
                traversal.Drain();
                foreach (var candidate in batch)
                {
                    if (leased.Contains(candidate.Digest) || marked.IsMarked(candidate.Digest))
                    {
                        rescued.Add(candidate);
                        continue;
                    }

                    if (marked.DeletionHolds.Count > 0)
                    {
                        held.Add(candidate);
                        continue;
                    }

                    switch (DeleteIfOlder(registry, candidate, cutoff, marked))
                    {
                        case true:
                            deleted.Add(candidate);
                            break;
                        case false:
                            skipped.Add(candidate);
                            break;
                    }
                }
            }

            RemoveStaleTemps(marked, options, removedTemps);
        }

        return marked.ToReport(registry.Root, options, deleteApplied: true) with
        {
            DeletedBlobs = deleted,
            SkippedBlobs = skipped,
            RescuedBlobs = rescued,
            RemovedTempFiles = removedTemps,
            HeldBlobs = held,
        };
    }

    /// <summary>Deletes a candidate still older than the cutoff (caller holds <c>blobs/.lock</c>): true deleted, false touched since, null gone.</summary>
    private static bool? DeleteIfOlder(LocalRegistry registry, GcBlob candidate, DateTime cutoff, GcMarkResult marked)
    {
        var path = registry.Blobs.PathFor(candidate.Digest);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            if (Directory.Exists(path))
            {
                marked.Problems.Add(new GcProblem(path, $"Blob path is not a file for {candidate.Digest}: {path}"));
            }

            return null;
        }

        if (info.LastWriteTimeUtc >= cutoff)
        {
            return false;
        }

        info.Delete();
        return true;
    }

    private static void RemoveStaleTemps(GcMarkResult marked, GcOptions options, List<string> removed)
    {
        var floor = marked.Now - (options.GracePeriod > MinimumTempFileAge ? options.GracePeriod : MinimumTempFileAge);
        foreach (var temp in marked.StaleTempFiles)
        {
            // A live writer holds its temp file locked until it is renamed; only unlocked, old leftovers go.
            if (!File.Exists(temp) || File.GetLastWriteTimeUtc(temp) > floor)
            {
                continue;
            }

            using (var probe = FileLock.TryAcquire(temp))
            {
                if (probe is null)
                {
                    continue;
                }
            }

            BlobStore.TryDelete(temp);
            if (!File.Exists(temp))
            {
                removed.Add(temp);
            }
        }
    }
}
