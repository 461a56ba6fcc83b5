using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Commands;

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
                    DoctorProblemKind.CorruptBlob => RemoveUnreferencedBlob(registry, Digest.Parse(problem.Subject)),
                    DoctorProblemKind.StaleDraft => MarkInterrupted(registry, problem.Subject),
                    DoctorProblemKind.ExpiredLease => RecoverLease(registry, problem),
                    DoctorProblemKind.UnfinishedSession => RepairSession(registry, problem),
                    _ => false,
                };
            }
            catch (Exception e) when (e is OmmxException or IOException or UnauthorizedAccessException)
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

    private static bool RemoveUnreferencedBlob(LocalRegistry registry, Digest digest)
    {
        using var exclusion = FileLock.Acquire(registry.GcExclusionLockPath);
        using var guard = registry.Blobs.AcquireLock();
        var path = registry.Blobs.PathFor(digest);
        BlobStore.TryDelete(path);
        return !File.Exists(path);
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
        experiment.CommitInterruptedCheckpoint(StaleDraftReason);
        return true;
    }
}
