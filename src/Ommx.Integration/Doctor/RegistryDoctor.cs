using Ommx.Integration.Registry;

namespace Ommx.Integration.Doctor;

/// <summary>
/// The registry's doctor: checks the SQLite index (<c>PRAGMA integrity_check</c>), re-hashes every blob
/// (unless quick), walks every ref's closure, compares the listing caches with the manifests, and looks
/// for writer temp files, misnamed blobs, expired writer leases, unfinished test sessions and draft
/// checkpoints left behind. With <see cref="DoctorOptions.Fix"/> it repairs what can be repaired without
/// losing data and reports what it cannot.
/// </summary>
internal static class RegistryDoctor
{
    /// <summary>Read-only without <paramref name="fix"/>; with it, writable unless the root is not a Local Registry (then only reported).</summary>
    public static LocalRegistry Open(string? root, bool fix)
    {
        if (!fix)
        {
            return LocalRegistry.OpenForDiagnosis(root);
        }

        try
        {
            return LocalRegistry.Open(root, RegistryAccess.Delete);
        }
        catch (NotALocalRegistryException)
        {
            return LocalRegistry.OpenForDiagnosis(root);
        }
    }

    public static DoctorReport Run(LocalRegistry registry, DoctorOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var scan = new DoctorScan();
        var fix = options.Fix && registry.RootProblem is null;
        if (registry.RootProblem is { } rootProblem)
        {
            scan.Problems.Add(new DoctorProblem(DoctorProblemKind.NotALocalRegistry, registry.Root, rootProblem)
            {
                Hint = "no command deletes anything here until the index is restored; --fix changes nothing",
            });
        }

        DoctorChecks.IndexIntegrity(registry, scan);
        var blobs = BlobScan.Run(registry.Blobs);
        var corrupt = DoctorChecks.Blobs(registry, blobs, options.Quick, scan);
        DoctorChecks.Closures(registry, blobs, corrupt, scan);
        DoctorChecks.Caches(registry, fix, scan);
        DoctorChecks.Sessions(registry, scan);
        DoctorChecks.Leases(registry, scan);
        DoctorChecks.StaleDrafts(registry, options.StaleAfter, scan);
        DoctorChecks.FileNames(blobs, options.StaleAfter, scan);
        if (fix)
        {
            DoctorFixes.Apply(registry, scan);
        }

        return new DoctorReport
        {
            Root = registry.Root,
            Quick = options.Quick,
            FixRequested = options.Fix,
            IntegrityCheck = scan.IntegrityCheck,
            BlobCount = scan.BlobCount,
            BlobBytes = scan.BlobBytes,
            Rehashed = scan.Rehashed,
            RefCount = scan.RefCount,
            ListedArtifacts = scan.ListedArtifacts,
            DraftCheckpoints = scan.Checkpoints,
            LiveLeases = scan.LiveLeases,
            ExpiredLeases = scan.ExpiredLeases,
            UnfinishedSessions = scan.UnfinishedSessions,
            Problems = scan.Problems,
        };
    }
}
