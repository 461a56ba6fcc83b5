using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Doctor;

/// <summary>
/// The repairs <c>ommx doctor --fix</c> makes, none of which loses data: remove writer temp files no live
/// writer holds, remove corrupt blobs no ref reaches, and turn stale drafts into interrupted checkpoints
/// (every recorded Run kept; the draft stays reachable as the new checkpoint's subject). Listing caches
/// are rebuilt by the cache check itself.
/// </summary>
internal static class DoctorFixes
{
    public const string StaleDraftReason = "ommx doctor: the draft checkpoint was abandoned by its recording process";

    public static void Apply(LocalRegistry registry, DoctorScan scan)
    {
        foreach (var problem in scan.Problems.Where(p => p.Fixable && !p.Fixed))
        {
            try
            {
                problem.Fixed = problem.Kind switch
                {
                    DoctorProblemKind.StaleTempFile => RemoveTempFile(problem.Subject),
                    DoctorProblemKind.CorruptBlob => RemoveUnreferencedBlob(registry, problem),
                    DoctorProblemKind.StaleDraft => MarkInterrupted(registry, problem.Subject),
                    DoctorProblemKind.ExpiredLease => RecoverLease(registry, problem),
                    DoctorProblemKind.UnfinishedSession => RepairSession(registry, problem),
                    _ => false,
                };
            }
            catch (Exception e) when (StorageErrors.IsStorageError(e))
            {
                problem.Fixed = false;
                problem.FixError = e.Message;
            }
        }
    }

    private static bool RemoveTempFile(string path)
    {
        using (var probe = FileLock.TryAcquire(path))
        {
            if (probe is null)
            {
                return false;
            }
        }

        BlobStore.TryDelete(path);
        return !File.Exists(path);
    }

    /// <summary>
    /// Deletes a blob judged corrupt and unreferenced, after re-checking both under <c>.gc-exclusion.lock</c>
    /// and <c>blobs/.lock</c>, as GC does: a good copy republished since the scan is kept (the problem is gone),
    /// and a blob a ref, Run journal or live writer lease now needs (or that a ref's unverifiable manifest may
    /// need) is left for a person to repair.
    /// </summary>
    private static bool RemoveUnreferencedBlob(LocalRegistry registry, DoctorProblem problem)
    {
        var digest = Digest.Parse(problem.Subject);
        using var exclusion = FileLock.Acquire(registry.GcExclusionLockPath);
        using var guard = registry.Blobs.AcquireLock();
        var path = registry.Blobs.PathFor(digest);
        if (!File.Exists(path))
        {
            return true;
        }

        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20))
        {
            if (Digest.FromHash(System.Security.Cryptography.SHA256.HashData(file)) == digest)
            {
                // Replaced by a verified copy since the scan: nothing to delete.
                return true;
            }
        }

        var marked = new GcMarkResult(BlobScan.Run(registry.Blobs), DateTime.UtcNow);
        var leases = GcLeaseGuard.Read(registry, marked);
        var traversal = new GcTraversal(registry, marked, RunJournalFiles.GcRoots);
        traversal.AddProtected(leases.LiveDigests(), GcReferenceKind.LeasedDigest);
        traversal.AddRefs();
        traversal.AddJournals();
        traversal.Drain();
        if (marked.IsMarked(digest) || leases.IsLeased(digest) || marked.DeletionHolds.Count > 0)
        {
            problem.FixError = marked.DeletionHolds.Count > 0
                ? "not deleted: a ref's manifest cannot be verified, so this blob may still be needed (see ommx gc)"
                : "not deleted: a ref, Run journal or writer lease needs it now; re-import a good copy (ommx import / pull)";
            return false;
        }

        File.Delete(path);
        return true;
    }

    private static bool RecoverLease(LocalRegistry registry, DoctorProblem problem)
    {
        var lease = registry.ListLeases().FirstOrDefault(l => l.Id == problem.Subject);
        if (lease is null || !lease.IsExpired)
        {
            // Resolved meanwhile (by a GC, or a writer that came back under a new lease).
            return lease is null;
        }

        var outcome = StaleWriterRecovery.Recover(registry, lease);
        if (outcome.Action is StaleWriterAction.Failed or StaleWriterAction.ClaimedElsewhere)
        {
            problem.FixError = outcome.Message;
            return false;
        }

        return true;
    }

    private static bool RepairSession(LocalRegistry registry, DoctorProblem problem)
    {
        var repair = new TestRunSessions(registry).Repair(problem.Subject);
        problem.FixNote = repair.Message;
        return true;
    }

    private static bool MarkInterrupted(LocalRegistry registry, string requested)
    {
        using var experiment = Experiment.RestoreFromCheckpoint(registry, requested);
        var published = experiment.CommitInterruptedCheckpoint(StaleDraftReason);

        // Success only when what was published opens: every blob of its closure present and intact.
        Registry.Maintenance.RefRestorer.VerifyClosure(registry, published.Digest);
        return true;
    }
}
