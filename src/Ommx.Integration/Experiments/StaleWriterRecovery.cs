using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Experiments;

/// <summary>
/// Resolves expired writer leases (their process is gone, or silent past the expiry): an Experiment's
/// recording — its Run journal, or its draft checkpoint — becomes an <c>interrupted</c> checkpoint whose
/// reason names the dead writer, through the same restore path a user would take
/// (<see cref="Experiment.RestoreFromCheckpoint(LocalRegistry, string)"/>), and the lease is removed. A lease is first claimed
/// (compare-and-set on its pid and heartbeat), so a GC and a <c>doctor --fix</c> racing each other recover it once.
/// </summary>
internal static class StaleWriterRecovery
{
    /// <summary>Recovers every expired lease in the registry.</summary>
    public static IReadOnlyList<StaleWriterOutcome> RecoverAll(LocalRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.ListLeases().Where(l => l.IsExpired).Select(l => Recover(registry, l)).ToList();
    }

    public static StaleWriterOutcome Recover(LocalRegistry registry, LeaseInfo lease)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(lease);
        var store = registry.LeaseFile(create: true)!;
        if (!store.Claim(lease, registry.LeaseOptions.Expiry))
        {
            return new StaleWriterOutcome(lease, StaleWriterAction.ClaimedElsewhere, "claimed by another process");
        }

        StaleWriterOutcome outcome;
        try
        {
            outcome = lease.Kind is LeaseKind.Experiment or LeaseKind.TestSession && ImageReference.TryParse(lease.Subject, out var requested)
                ? RecoverExperiment(registry, lease, requested!)
                : new StaleWriterOutcome(lease, StaleWriterAction.Removed, "nothing to recover for a " + LeaseStore.KindText(lease.Kind) + " lease");
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            return new StaleWriterOutcome(lease, StaleWriterAction.Failed, e.Message);
        }

        store.Delete(lease.Id);
        return outcome;
    }

    /// <summary>What <see cref="Recover"/> would do with an expired lease, in words that follow "--fix " (for doctor's hint).</summary>
    public static string Plan(LocalRegistry registry, LeaseInfo lease)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.Kind is not (LeaseKind.Experiment or LeaseKind.TestSession) || !ImageReference.TryParse(lease.Subject, out var requested))
        {
            return "removes the lease (a " + LeaseStore.KindText(lease.Kind) + " lease leaves nothing to recover)";
        }

        try
        {
            if (CommittedDuring(registry, lease, requested!))
            {
                return $"removes the lease ({requested} was committed; a leftover checkpoint ref and journal go too)";
            }

            if (JournalOf(registry, lease, requested!) is not null)
            {
                return "turns its Run journal into an interrupted checkpoint and removes the lease";
            }

            return CheckpointStatus(registry, requested!) switch
            {
                ExperimentStatus.Draft => "turns its draft checkpoint into an interrupted checkpoint and removes the lease",
                { } status => $"removes the lease (its recording is saved already as a {StatusText.Of(status)} checkpoint: ommx checkpoints {requested!.RepositoryKey})",
                null => "removes the lease (it recorded nothing that needs saving)",
            };
        }
        catch (OmmxException)
        {
            return "tries to turn its recording into an interrupted checkpoint and removes the lease";
        }
    }

    /// <summary>
    /// Removes the expired leases of dead writers of <paramref name="requested"/> once their recording was settled
    /// another way (a test session's build step made the checkpoint): they protect nothing any more, and left
    /// behind they would keep <c>ommx doctor</c> unhealthy. Each is claimed first, as <see cref="Recover"/> does.
    /// </summary>
    /// <returns>How many leases were removed.</returns>
    internal static int ReleaseSettled(LocalRegistry registry, ImageReference requested, LeaseKind kind)
    {
        var store = registry.LeaseFile(create: false);
        if (store is null)
        {
            return 0;
        }

        var subject = requested.ToString();
        var released = 0;
        foreach (var lease in store.List().Where(l => l.IsExpired && l.Kind == kind && l.Subject == subject))
        {
            if (store.Claim(lease, registry.LeaseOptions.Expiry))
            {
                store.Delete(lease.Id);
                released++;
            }
        }

        return released;
    }

    private static StaleWriterOutcome RecoverExperiment(LocalRegistry registry, LeaseInfo lease, ImageReference requested)
    {
        var journalPath = JournalOf(registry, lease, requested);
        if (journalPath is not null ? ExperimentJournal.CommitMarker(journalPath) is { } marked && registry.Resolve(requested) == marked : CommittedDuring(registry, lease, requested))
        {
            // Killed after publishing its own commit but before tidying up: the commit holds every Run, so finish the
            // commit's last steps. (Another writer's commit of the same name is not this one's: its Runs are recovered below.)
            if (journalPath is null)
            {
                RemoveCheckpoint(registry, requested, null);
            }
            else
            {
                // Its own draft is the one its journal continues; any other checkpoint of the name is another recording's.
                RemoveCheckpoint(registry, requested, RunJournalFiles.ReadHeader(journalPath)?.Base);
                BlobStore.TryDelete(journalPath);
            }

            return new StaleWriterOutcome(lease, StaleWriterAction.Removed, $"{requested} was committed; leftover checkpoint and journal removed");
        }

        var hasJournal = journalPath is not null && ExperimentJournal.Replay(registry, journalPath) is not null;
        if (!hasJournal && (CheckpointStatus(registry, requested) is not ExperimentStatus.Draft || OtherLiveWriter(registry, lease, requested)))
        {
            // A journal file killed before its first line was complete holds nothing: remove it. A draft a live writer of
            // the same name may own is left to that writer.
            if (journalPath is not null)
            {
                BlobStore.TryDelete(journalPath);
            }

            return new StaleWriterOutcome(lease, StaleWriterAction.Removed, $"{requested}: no journal or draft checkpoint to recover");
        }

        using var experiment = Experiment.RestoreFromCheckpoint(registry, requested, hasJournal ? journalPath : null);
        var open = experiment.RunsOpenAtLastRecord;
        var reason = "recording stopped: " + lease.ExpiryReason
            + (open.Count == 0 ? string.Empty : $"; {open.Count} Run(s) open: " + string.Join(", ", open.Select(o => o.Label is null ? $"#{o.RunId}" : $"#{o.RunId} {o.Label}")));
        var runCount = experiment.Runs.Count;
        var checkpoint = experiment.CommitInterruptedCheckpoint(reason);
        var kept = experiment.PreservedCheckpoint is { } preserved ? $"; the checkpoint it replaced is kept as {preserved}" : string.Empty;
        return new StaleWriterOutcome(lease, StaleWriterAction.Interrupted, $"{requested}: interrupted checkpoint with {runCount} Run(s){kept}")
        {
            Checkpoint = checkpoint,
            OpenRuns = open,
            RunCount = runCount,
        };
    }

    /// <summary>The journal the lease's writer wrote (its own file, or the older single-writer file), or <c>null</c>.</summary>
    private static string? JournalOf(LocalRegistry registry, LeaseInfo lease, ImageReference requested)
    {
        var own = RunJournalFiles.PathFor(registry.Root, requested, lease.Id);
        if (File.Exists(own))
        {
            return own;
        }

        var legacy = RunJournalFiles.PathFor(registry.Root, requested);
        return File.Exists(legacy) ? legacy : null;
    }

    private static bool OtherLiveWriter(LocalRegistry registry, LeaseInfo lease, ImageReference requested) =>
        registry.ListLeases().Any(l => !l.IsExpired && l.Id != lease.Id && l.Subject == requested.ToString());

    /// <summary>Removes the checkpoint ref of <paramref name="requested"/>: any, or only while it still points at <paramref name="only"/>.</summary>
    private static void RemoveCheckpoint(LocalRegistry registry, ImageReference requested, Digest? only)
    {
        var checkpointRef = ImageNames.CheckpointReference(registry.RegistryId, requested);
        if (registry.FindRef(checkpointRef) is { } row && (only is null || row.ManifestDigest == only.ToString()))
        {
            registry.Index.DeleteIfUnchanged([row]);
        }
    }

    /// <summary>A ref under the requested name written after the lease began: the writer's own commit (publish never moves a ref).</summary>
    private static bool CommittedDuring(LocalRegistry registry, LeaseInfo lease, ImageReference requested) =>
        registry.FindRef(requested) is { } row && RegistryTime.TryParse(row.UpdatedAt, out var updated) && updated >= lease.StartedAt;

    private static ExperimentStatus? CheckpointStatus(LocalRegistry registry, ImageReference requested)
    {
        var digest = registry.Resolve(ImageNames.CheckpointReference(registry.RegistryId, requested));
        return digest is { } d
            ? ExperimentArtifactReader.Read(registry, registry.ReadManifest(d), [ExperimentStatus.Draft, ExperimentStatus.Failed, ExperimentStatus.Interrupted]).Status
            : null;
    }
}
