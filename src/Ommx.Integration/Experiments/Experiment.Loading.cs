using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;

namespace Ommx.Integration.Experiments;

public sealed partial class Experiment
{
    /// <summary>
    /// Opens a committed (or failed/interrupted) Experiment read-only. When the ref is not in the Local
    /// Registry (or its closure is incomplete) it is pulled from the registry its name points at, as OMMX
    /// does, unless <see cref="ExperimentLoadOptions.AllowPull"/> is off.
    /// </summary>
    /// <exception cref="ArtifactNotFoundException">Neither local nor (when pulling is allowed) in the remote registry.</exception>
    /// <exception cref="Distribution.RegistryException">The remote registry refused, was unreachable, or sent bad content.</exception>
    public static Experiment Load(LocalRegistry registry, string imageName, ExperimentLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var name = ImageReference.Parse(imageName);
        return FromManifest(registry, false, name, ResolveOrPull(registry, name, options ?? new ExperimentLoadOptions()));
    }

    public static Experiment Load(string imageName, string? root = null, ExperimentLoadOptions? options = null)
    {
        var name = ImageReference.Parse(imageName);
        var registry = LocalRegistry.Open(root);
        try
        {
            return FromManifest(registry, true, name, ResolveOrPull(registry, name, options ?? new ExperimentLoadOptions()));
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Pushes this committed Experiment to the OCI registry its name points at (only blobs the registry
    /// lacks are sent; the manifest keeps its digest). Anonymous (<c>*.ommx.local</c>) names and checkpoints
    /// cannot be pushed: commit under a registry name first.
    /// </summary>
    public Distribution.PushResult Push(Distribution.RemoteOptions? options = null)
    {
        lock (gate)
        {
            EnsureCommitted();
            if (Registry.Resolve(ImageName) != Manifest!.Digest)
            {
                throw new ExperimentStateException(
                    $"Experiment {ImageName} is not published under that name in the Local Registry (checkpoints live under internal names); only committed Experiments can be pushed");
            }

            return Registry.Push(ImageName, options);
        }
    }

    private static StoredManifest ResolveOrPull(LocalRegistry registry, ImageReference name, ExperimentLoadOptions options)
    {
        var digest = registry.Resolve(name);
        if (digest is { } local && (!options.AllowPull || Distribution.LocalChain.IsComplete(registry, local)))
        {
            return registry.ReadManifest(local);
        }

        if (!options.AllowPull || name.Registry.EndsWith(".ommx.local", StringComparison.Ordinal))
        {
            throw new ArtifactNotFoundException($"Artifact not found in the Local Registry: {name}");
        }

        try
        {
            return registry.ReadManifest(registry.Pull(name, options.Remote).ManifestDigest);
        }
        catch (Distribution.RegistryException e) when (e.Kind == Distribution.RegistryErrorKind.NotFound)
        {
            throw new ArtifactNotFoundException($"Artifact not found in the Local Registry nor in registry {name.Registry}: {name}", e);
        }
    }

    private static Experiment FromManifest(LocalRegistry registry, bool owns, ImageReference name, StoredManifest stored)
    {
        var loaded = ExperimentArtifactReader.Read(registry, stored, Loadable);
        var experiment = new Experiment(registry, owns, name, loaded.Content, ExperimentState.Sealed);
        experiment.Seal(loaded.Status == ExperimentStatus.Finished ? ExperimentState.Sealed : ExperimentState.Checkpoint, loaded.Status, loaded.Reason, stored.Descriptor);
        return experiment;
    }

    /// <summary>
    /// Reopens the unfinished Experiment recorded under <paramref name="imageName"/>: from this library's
    /// journal if there is one (every closed Run), else from OMMX's checkpoint. The result is unsealed,
    /// keeps its Runs, annotations and attachments, and continues the run ids. When several writers left
    /// journals for the name, the most recently written one whose writer is no longer alive is taken (the
    /// others stay for later restores, GC and <c>ommx doctor</c>).
    /// </summary>
    public static Experiment RestoreFromCheckpoint(LocalRegistry registry, string imageName)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var name = ImageReference.Parse(imageName);
        return RestoreFromCheckpoint(registry, name, AbandonedJournal(registry, name));
    }

    /// <summary>The newest journal of <paramref name="name"/> whose writer holds no live lease, or <c>null</c>.</summary>
    internal static string? AbandonedJournal(LocalRegistry registry, ImageReference name)
    {
        var live = registry.ListLeases().Where(l => !l.IsExpired).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        return RunJournalFiles.PathsFor(registry.Root, name).LastOrDefault(p => RunJournalFiles.WriterOf(p) is not { } writer || !live.Contains(writer));
    }

    /// <summary>Restores one writer's journal (<paramref name="journalPath"/>), or the checkpoint when it is <c>null</c> or holds nothing.</summary>
    internal static Experiment RestoreFromCheckpoint(LocalRegistry registry, ImageReference name, string? journalPath)
    {
        var checkpointRef = ImageNames.CheckpointReference(registry.RegistryId, name);
        ExperimentContent content;
        IReadOnlyList<OpenRunInfo> openAtCrash = [];
        Descriptor? journalBase = null;
        Digest? restoredCheckpoint = null;
        var fromJournal = false;
        if (journalPath is not null && ExperimentJournal.Replay(registry, journalPath) is { } replay)
        {
            content = replay.Content;
            journalBase = replay.Base;
            fromJournal = true;
            openAtCrash = replay.OpenRuns;
            // The draft the journal continues (if any) is the checkpoint this state came from; else the subject its header names.
            content.Subject = replay.Base ?? replay.Content.Subject;
        }
        else
        {
            var digest = registry.Resolve(checkpointRef)
                ?? throw new ArtifactNotFoundException($"No Experiment checkpoint found for requested image {name} at {checkpointRef}: Artifact not found in the SQLite-backed local registry: {checkpointRef}");
            var stored = registry.ReadManifest(digest);
            var loaded = ExperimentArtifactReader.Read(registry, stored, Restorable);
            if (loaded.RequestedName is null)
            {
                throw new ExperimentFormatException($"Experiment checkpoint {checkpointRef} is missing requested_image_name");
            }

            if (!loaded.RequestedName.Equals(name))
            {
                throw new ExperimentFormatException($"Experiment checkpoint {checkpointRef} belongs to requested image {loaded.RequestedName}, not {name}");
            }

            content = loaded.Content;
            content.Subject = stored.Descriptor;
            restoredCheckpoint = digest;
        }

        var experiment = new Experiment(registry, false, name, content, ExperimentState.Unsealed) { RunsOpenAtLastRecord = openAtCrash, ownCheckpoint = restoredCheckpoint };
        if (openAtCrash.Count > 0)
        {
            // Their ids are taken: a Run opened after the restore must not reuse them.
            experiment.nextRunId = Math.Max(experiment.nextRunId, openAtCrash.Max(o => o.RunId) + 1);
        }

        if (fromJournal)
        {
            experiment.journal!.Continue(journalBase, journalPath!);
        }

        return experiment;
    }

    /// <summary>
    /// Reopens what <see cref="ExperimentSalvage"/> could read of a damaged recording, unsealed, so that it can be
    /// published as an interrupted checkpoint (which also removes the damaged journal).
    /// </summary>
    internal static Experiment FromSalvage(LocalRegistry registry, ImageReference name, ExperimentContent content) =>
        new(registry, false, name, content, ExperimentState.Unsealed);

    /// <summary>Starts a new unsealed Experiment from this committed or checkpointed one (subject = this manifest; run ids continue; annotations not inherited).</summary>
    public Experiment Fork(string? imageName = null)
    {
        lock (gate)
        {
            EnsureCommitted();
            var child = content.Clone();
            child.Annotations.Clear();
            child.Subject = Manifest;
            var name = imageName is null ? ImageNames.NewAnonymous(Registry.RegistryId, ImageNames.ExperimentRepository) : ImageReference.Parse(imageName);
            return new Experiment(Registry, false, name, child, ExperimentState.Unsealed);
        }
    }

    /// <summary>Writes a <c>.ommx</c> archive (refuses an existing file). A checkpoint is saved under its checkpoint ref name.</summary>
    public void Save(string path)
    {
        lock (gate)
        {
            EnsureCommitted();
            var exportName = State == ExperimentState.Checkpoint ? ImageNames.CheckpointReference(Registry.RegistryId, ImageName) : ImageName;
            OciArchiveExporter.Export(Registry, exportName, Manifest!.Digest, path);
        }
    }

    /// <summary>Imports a <c>.ommx</c> archive and opens the Experiment it holds.</summary>
    public static Experiment ImportArchive(LocalRegistry registry, string path)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var result = OciArchiveImporter.Import(registry, path);
        return FromManifest(registry, false, result.Image, registry.ReadManifest(result.Manifest.Digest));
    }
}
