using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Listing;

namespace Ommx.Integration.Doctor;

internal static partial class DoctorChecks
{
    /// <summary>
    /// Lists every artifact (internal refs included) and compares the listing caches with the manifests.
    /// Rows a listing would backfill or repair from the CAS are fixable; with <paramref name="fix"/> the
    /// listing writes them, which is the repair.
    /// </summary>
    public static void Caches(LocalRegistry registry, bool fix, DoctorScan scan)
    {
        var listing = ArtifactCatalog.List(registry, null, includeInternal: true, strict: false, applyRepairs: fix, out var pending);
        scan.ListedArtifacts = listing.Artifacts.Count;
        foreach (var image in pending.Distinct(StringComparer.Ordinal).Where(i => !scan.ReportedRefs.Contains(i)))
        {
            scan.ReportedRefs.Add(image);
            scan.Problems.Add(new DoctorProblem(DoctorProblemKind.Cache, image, "listing cache row is missing or does not match the manifest")
            {
                Fixable = true,
                Fixed = fix,
            });
        }

        ReportWarnings(listing.Warnings, scan);
    }

    private static void ReportWarnings(IEnumerable<ListingWarning> warnings, DoctorScan scan)
    {
        foreach (var warning in warnings)
        {
            // Repairs are reported above; refs with broken closures or rows are reported by the closure check.
            if (warning.Message.Contains("was repaired from CAS", StringComparison.Ordinal) || scan.ReportedRefs.Contains(warning.ImageName))
            {
                continue;
            }

            scan.ReportedRefs.Add(warning.ImageName);
            scan.Problems.Add(new DoctorProblem(DoctorProblemKind.Cache, warning.ImageName, $"{ListingStages.Text(warning.Stage)}: {warning.Message}")
            {
                Hint = "the artifact cannot be listed; re-import it, or ommx rm the ref if the data is lost",
            });
        }
    }

    /// <summary>Draft checkpoints not updated for <paramref name="staleAfter"/>: their recording process is gone.</summary>
    public static List<ExperimentRecord> StaleDrafts(LocalRegistry registry, TimeSpan staleAfter, DoctorScan scan)
    {
        var (checkpoints, warnings) = ExperimentCatalog.ListCheckpoints(registry, null, [ExperimentStatus.Draft]);
        ReportWarnings(warnings, scan);
        scan.Checkpoints = checkpoints.Count;
        var now = DateTimeOffset.UtcNow;
        // A stale age longer than the calendar reaches back (e.g. 10675199d) means "nothing is stale", not a crash.
        var cutoff = staleAfter >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - staleAfter;
        // A draft whose writer holds a lease is live (or, if the lease expired, the lease fix recovers it).
        var stale = checkpoints.Where(c => RegistryTime.TryParse(c.UpdatedAt, out var t) && t <= cutoff && !scan.LeasedNames.Contains(c.RequestedImage!.ToString())).ToList();
        foreach (var draft in stale)
        {
            scan.Problems.Add(new DoctorProblem(
                DoctorProblemKind.StaleDraft,
                draft.RequestedImage!.ToString(),
                $"draft checkpoint {draft.ImageName} with {draft.RunCount} run(s) was last updated {draft.UpdatedAt}")
            {
                Fixable = true,
            });
        }

        return stale;
    }
}
