using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx gc</c>: reports (or, with <c>--delete</c>, removes) unreachable blobs, as OMMX's CLI prints it.</summary>
internal sealed class GcCommand
{
    private readonly CommandConsole console;

    public GcCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(GcCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            CommandInput.DeleteMode(options.DryRun, options.Delete);
            var grace = CommandInput.Duration(options.GracePeriod);
            using var registry = LocalRegistry.Open(options.Root, options.Delete ? RegistryAccess.Delete : RegistryAccess.Read);
            var report = RegistryGc.Run(registry, new GcOptions { GracePeriod = grace, Delete = options.Delete });
            if (options.Json)
            {
                GcJson.Write(console.Out, report);
            }
            else
            {
                WriteHuman(report, options.ShowDigests);
            }

            return report.DeletionHolds.Count > 0 ? ExitCode.Problems : ExitCode.Ok;
        });
    }

    private void WriteHuman(RegistryGcReport report, bool showDigests)
    {
        console.Status("Registry", report.Root);
        console.Status("Roots", $"{report.Roots.Count} ref/protected digest(s)");
        console.Status("Reachable", $"{report.ReachableBlobs.Count} blob(s), {ByteSize.Format(report.ReachableSize)}");
        console.Status("Orphans", $"{report.OrphanCandidates.Count} candidate blob(s), {ByteSize.Format(report.OrphanCandidateSize)}");
        Blobs(report.OrphanCandidates, showDigests);
        console.Status("Deferred", $"{report.DeferredBlobs.Count} blob(s), {ByteSize.Format(report.DeferredSize)}");
        Blobs(report.DeferredBlobs, showDigests);
        if (report.MissingBlobs.Count > 0)
        {
            console.Status("Missing", $"{report.MissingBlobs.Count} referenced blob(s)", StatusTone.Bad);
            foreach (var missing in showDigests ? report.MissingBlobs : [])
            {
                console.Detail($"{missing.Digest}  {missing.Kind}");
            }
        }

        if (report.InvalidManifests.Count > 0)
        {
            console.Status("Invalid", $"{report.InvalidManifests.Count} manifest blob(s)", StatusTone.Bad);
            foreach (var invalid in showDigests ? report.InvalidManifests : [])
            {
                console.Detail($"{invalid.Digest}  {invalid.Kind}: {invalid.Error}");
            }
        }

        if (report.DeletionHolds.Count > 0)
        {
            var verb = report.DeleteApplied ? "no blob was deleted" : "--delete would delete no blob";
            console.Status("Held", $"{verb}: {report.DeletionHolds.Count} manifest(s) cannot be verified", StatusTone.Bad);
            foreach (var hold in report.DeletionHolds)
            {
                console.Detail(hold.Message);
            }

            console.Detail("hint: restore a good copy (`ommx import <archive>` or `ommx pull <image>`) or remove the ref (`ommx rm <image>`), then run gc again");
        }

        // Beyond OMMX (printed only when there is something to say): writer leases, and problems GC stepped around.
        Leases(report);
        if (report.Problems.Count > 0)
        {
            console.Status("Warnings", $"{report.Problems.Count} problem(s) stepped around", StatusTone.Warning);
            foreach (var problem in report.Problems)
            {
                console.Detail($"{problem.Subject}  {problem.Message}");
            }
        }

        if (!report.DeleteApplied)
        {
            if (report.StaleTempFiles.Count > 0)
            {
                console.Status("Temp Files", $"{report.StaleTempFiles.Count} stale writer temp file(s)", StatusTone.Warning);
                Paths(report.StaleTempFiles, showDigests);
            }

            console.Status("Dry Run", "registry unchanged; pass --delete to apply");
            return;
        }

        console.Status("Deleted", $"{report.DeletedBlobs.Count} orphan blob(s), {ByteSize.Format(report.DeletedSize)}", StatusTone.Good);
        Blobs(report.DeletedBlobs, showDigests);
        if (report.SkippedBlobs.Count > 0)
        {
            console.Status("Skipped", $"{report.SkippedBlobs.Count} blob(s) changed before deletion", StatusTone.Warning);
            Blobs(report.SkippedBlobs, showDigests);
        }

        if (report.HeldBlobs.Count > 0)
        {
            console.Status("Kept", $"{report.HeldBlobs.Count} orphan blob(s) held back (see Held above)", StatusTone.Warning);
            Blobs(report.HeldBlobs, showDigests);
        }

        if (report.RescuedBlobs.Count > 0)
        {
            console.Status("Rescued", $"{report.RescuedBlobs.Count} blob(s) leased or published before deletion");
            Blobs(report.RescuedBlobs, showDigests);
        }

        if (report.RemovedTempFiles.Count > 0)
        {
            console.Status("Temp Files", $"{report.RemovedTempFiles.Count} stale writer temp file(s) removed", StatusTone.Good);
            Paths(report.RemovedTempFiles, showDigests);
        }
    }

    private void Leases(RegistryGcReport report)
    {
        var live = report.Leases.Where(l => !l.IsExpired).ToList();
        if (live.Count > 0)
        {
            console.Status("Leases", $"{live.Count} live writer lease(s) protecting {live.Sum(l => l.DigestCount)} blob(s)");
        }

        var expired = report.ExpiredLeases;
        if (expired.Count > 0)
        {
            console.Status("Expired", $"{expired.Count} writer lease(s) no longer protect anything", StatusTone.Warning);
            foreach (var lease in expired)
            {
                console.Detail($"{LeaseText.Describe(lease)}: {lease.ExpiryReason}");
            }
        }

        foreach (var outcome in report.RecoveredWriters)
        {
            var tone = outcome.Action is StaleWriterAction.Failed ? StatusTone.Bad : StatusTone.Good;
            console.Status(outcome.Action is StaleWriterAction.Interrupted ? "Interrupted" : "Lease", $"{LeaseText.Action(outcome.Action)} {outcome.Lease.Id}: {outcome.Message}", tone);
        }
    }

    private void Blobs(IReadOnlyList<GcBlob> blobs, bool show)
    {
        foreach (var blob in show ? blobs : [])
        {
            console.Detail($"{blob.Digest}  {ByteSize.Format(blob.Size)}");
        }
    }

    private void Paths(IReadOnlyList<string> paths, bool show)
    {
        foreach (var path in show ? paths : [])
        {
            console.Detail(path);
        }
    }
}
