using Ommx.Integration.Doctor;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Maintenance;

namespace Ommx.Integration.Tests.Registry.FaultInjection;

/// <summary>
/// The checks after every fault: <c>ommx doctor --fix</c> may repair leftovers only (temp files, expired
/// leases, stale drafts), after which <c>ommx doctor</c> is healthy; every committed Experiment resolves to
/// the digest its writer printed and loads with every blob; every journalled Run closed before the fault is
/// in the commit or in the recovered checkpoint; every ref's closure is complete.
/// </summary>
internal static class RegistryAudit
{
    private static readonly HashSet<DoctorProblemKind> Leftovers = [DoctorProblemKind.StaleTempFile, DoctorProblemKind.ExpiredLease, DoctorProblemKind.StaleDraft];

    /// <summary>
    /// Audits the registry at <paramref name="root"/> against <paramref name="log"/>; loads only <paramref name="names"/>
    /// (all the log knows when <c>null</c>), while refs and committed digests are always checked in full.
    /// <paramref name="quick"/> skips doctor's re-hash.
    /// </summary>
    public static AuditResult Check(string root, RecordingLog log, bool quick, IReadOnlySet<string>? names = null)
    {
        var leftovers = Doctor(root, fix: true, quick);
        foreach (var problem in leftovers)
        {
            Assert.True(Leftovers.Contains(problem.Kind), $"doctor found {problem.Kind}: {problem.Subject} {problem.Message}");
            Assert.True(problem.Fixed, $"doctor --fix could not fix {problem.Kind}: {problem.Subject} {problem.Message}: {problem.FixError}");
        }

        Assert.Empty(Doctor(root, fix: false, quick: true));
        using var registry = LocalRegistry.Open(root);
        var lost = new List<string>();
        long blobs = 0;
        var runs = 0;
        foreach (var (name, digest) in log.Committed)
        {
            if (registry.Resolve(ImageReference.Parse(name)) != digest)
            {
                lost.Add($"{name}: ref no longer points to the committed {digest}");
            }
        }

        foreach (var name in log.Committed.Keys.Union(log.ClosedRuns.Keys).Where(n => names is null || names.Contains(n)))
        {
            try
            {
                using var experiment = registry.Resolve(ImageReference.Parse(name)) is not null
                    ? Experiment.Load(registry, name)
                    : Experiment.RestoreFromCheckpoint(registry, name);
                var ids = experiment.Runs.Select(r => r.Id).ToHashSet();
                if (log.ClosedRuns.TryGetValue(name, out var closed))
                {
                    lost.AddRange(closed.Where(id => !ids.Contains(id)).Select(id => $"{name}: closed Run {id} not recovered"));
                    runs += closed.Count(ids.Contains);
                }

                foreach (var run in experiment.Runs)
                {
                    foreach (var attachment in run.AttachmentNames)
                    {
                        run.GetAttachmentBytes(attachment);
                        blobs++;
                    }
                }
            }
            catch (OmmxException e)
            {
                lost.Add($"{name}: {e.Message}");
            }
        }

        // Doctor walked every closure already; the full audit also reads each one through the library's own check.
        foreach (var row in names is null ? registry.ListRefs() : [])
        {
            blobs += RefRestorer.VerifyClosure(registry, Digest.Parse(row.ManifestDigest)).Manifest.Layers.Count + 2;
        }

        return new AuditResult(log.Committed.Keys.Count(n => names is null || names.Contains(n)), runs, blobs, leftovers.Count, lost);
    }

    /// <summary>Runs the registry's doctor (what <c>ommx doctor</c> reports) and returns the problems it found.</summary>
    public static IReadOnlyList<DoctorProblem> Doctor(string root, bool fix, bool quick)
    {
        using var registry = RegistryDoctor.Open(root, fix);
        return RegistryDoctor.Run(registry, new DoctorOptions { Fix = fix, Quick = quick, StaleAfter = TimeSpan.Zero }).Problems;
    }
}
