using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.MSBuild;

/// <summary>
/// <c>dotnet build -t:OmmxGc</c>: settles stale test sessions (they become interrupted checkpoints, never
/// dropped), then runs OMMX's GC and reports it; deletes only with <see cref="Delete"/>. A registry GC must
/// not delete from (a manifest it cannot verify) is an error; damage it found or stepped around, warnings.
/// </summary>
public sealed class OmmxGc : OmmxTask
{
    public bool Delete { get; set; }

    /// <summary>OMMX duration text; default 24h.</summary>
    public string? GracePeriod { get; set; }

    public bool ShowDigests { get; set; }

    private protected override string ErrorCode => ErrorCodes.GcFailed;

    private protected override bool Run()
    {
        var grace = DurationText.Parse(string.IsNullOrWhiteSpace(GracePeriod) ? "24h" : GracePeriod);

        // Recovery writes checkpoints: the root must exist and be a Local Registry (a mistyped root is an error, never created).
        using var registry = LocalRegistry.Open(Root, RegistryAccess.Delete);
        foreach (var stale in new TestRunSessions(registry).RecoverStale())
        {
            LogWarning(ErrorCodes.StaleSession, stale.Headline);
        }

        var report = RegistryGc.Run(registry, new GcOptions { GracePeriod = grace, Delete = Delete });
        Summarize(report);
        return report.DeletionHolds.Count == 0;
    }

    private void Summarize(RegistryGcReport report)
    {
        Report($"OMMX GC of {report.Root}: {Count(report.Roots.Count)} ref/protected digest(s); reachable {Count(report.ReachableBlobs.Count)} blob(s), {ByteSize.Format(report.ReachableSize)}");
        Report($"Orphans: {Count(report.OrphanCandidates.Count)} candidate blob(s), {ByteSize.Format(report.OrphanCandidateSize)}; deferred (inside the grace period): {Count(report.DeferredBlobs.Count)} blob(s), {ByteSize.Format(report.DeferredSize)}");
        Digests(report.OrphanCandidates);
        foreach (var missing in report.MissingBlobs)
        {
            LogWarning(ErrorCodes.RegistryDamaged, $"referenced blob {missing.Digest} ({missing.Kind}) is missing from the blob store; run ommx doctor");
        }

        foreach (var invalid in report.InvalidManifests)
        {
            LogWarning(ErrorCodes.RegistryDamaged, $"manifest blob {invalid.Digest} ({invalid.Kind}) cannot be read: {invalid.Error}; run ommx doctor");
        }

        foreach (var problem in report.Problems)
        {
            LogWarning(ErrorCodes.GcSteppedAround, $"GC stepped around {problem.Subject}: {problem.Message}");
        }

        foreach (var lease in report.ExpiredLeases)
        {
            LogWarning(ErrorCodes.GcSteppedAround, $"{LeaseDescription.Of(lease)} no longer protects anything: {lease.ExpiryReason}");
        }

        foreach (var outcome in report.RecoveredWriters)
        {
            if (outcome.Action is StaleWriterAction.Failed)
            {
                LogWarning(ErrorCodes.GcSteppedAround, $"could not recover the writer of lease {outcome.Lease.Id}: {outcome.Message}");
            }
            else
            {
                Report($"Writer of lease {outcome.Lease.Id}: {outcome.Message}");
            }
        }

        if (report.DeletionHolds.Count > 0)
        {
            var verb = report.DeleteApplied ? "no blob was deleted" : "OmmxGcDelete=true would delete no blob";
            var holds = string.Join("; ", report.DeletionHolds.Select(h => h.Message));
            LogError(ErrorCodes.GcHeld, $"{verb}: {Count(report.DeletionHolds.Count)} manifest(s) cannot be verified ({holds}); restore a good copy (ommx import / ommx pull) or remove the ref (ommx rm), then run OmmxGc again");
        }

        if (!report.DeleteApplied)
        {
            Report($"Dry run: registry unchanged ({Count(report.StaleTempFiles.Count)} stale writer temp file(s)); set OmmxGcDelete=true to apply");
            return;
        }

        Report($"Deleted {Count(report.DeletedBlobs.Count)} orphan blob(s), {ByteSize.Format(report.DeletedSize)}; removed {Count(report.RemovedTempFiles.Count)} stale writer temp file(s)");
        Digests(report.DeletedBlobs);
        if (report.SkippedBlobs.Count + report.RescuedBlobs.Count + report.HeldBlobs.Count > 0)
        {
            Report($"Kept {Count(report.SkippedBlobs.Count)} blob(s) changed before deletion, {Count(report.RescuedBlobs.Count)} leased or published before deletion, {Count(report.HeldBlobs.Count)} held back");
        }
    }

    private void Digests(IReadOnlyList<GcBlob> blobs)
    {
        foreach (var blob in ShowDigests ? blobs : [])
        {
            Report($"  {blob.Digest}  {ByteSize.Format(blob.Size)}");
        }
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
