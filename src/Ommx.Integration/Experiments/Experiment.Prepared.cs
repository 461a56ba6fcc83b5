using System.Text.Json;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Experiments;

public sealed partial class Experiment
{
    /// <summary>
    /// At a test host's clean end: seals what the build step will most likely publish (a <c>finished</c> commit, or a
    /// checkpoint of <paramref name="status"/> with <paramref name="reason"/>) from the content in memory, stores its
    /// run-parameter table, config and manifest blobs without publishing any ref, checks the sealed artifact decodes,
    /// and appends the journal line naming it (<see cref="PreparedArtifactLine"/>), so the build step can publish it
    /// instead of replaying the journal. The Experiment stays unsealed: nothing is published, and the journal is
    /// still the recording. Annotations or Experiment attachments not journalled yet get a line first, so the journal
    /// replays to exactly what was sealed.
    /// </summary>
    /// <returns>The line appended; <c>null</c> when there is nothing to prepare from (no journal, Runs not journalled,
    /// or a journal write failed so the journal may lack what memory holds).</returns>
    internal PreparedArtifactLine? PrepareForPublish(ExperimentStatus status, string? reason)
    {
        if (status is not (ExperimentStatus.Finished or ExperimentStatus.Failed or ExperimentStatus.Interrupted))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "only a commit or a failed/interrupted checkpoint is prepared");
        }

        lock (gate)
        {
            EnsureUnsealed();
            writer!.Flush();
            if (!durableRuns || writer.HasFailed || !File.Exists(journal!.PathNow))
            {
                return null;
            }

            if (!annotationsJournalled || pendingAttachments.Count > 0)
            {
                var delta = annotationsJournalled ? new ExperimentContent() : AnnotationsOnly();
                foreach (var name in pendingAttachments)
                {
                    delta.Attachments[name] = content.Attachments[name];
                }

                var line = writer.Enqueue(new WriterEntry { Line = delta });
                writer.WaitFor(line);
                annotationsJournalled = true;
                pendingAttachments.Clear();
            }

            var normalized = status == ExperimentStatus.Finished ? null : Experiments.LifecycleReason.Normalize(reason);
            // Sealed exactly as Commit (no requested name) or a checkpoint (the requested name) seals it.
            var (stored, config) = ExperimentArtifactWriter.Seal(Registry, Lease, content, status, normalized, status == ExperimentStatus.Finished ? null : ImageName);
            CheckSealed(stored, config, status);
            var prepared = new PreparedArtifactLine(stored.Digest, stored.Bytes.LongLength, status, normalized, content.Runs.Count);
            return journal.MarkPrepared(prepared) ? prepared : null;
        }
    }

    /// <summary>
    /// The self-check of a prepared artifact, in the host, at a fraction of a full decode's cost (a full decode of 20,000
    /// Runs took longer than sealing them): the config is JSON with the status sealed, one entry per Run and the
    /// run-parameter table as its last layer, stored with its size. The table is not decoded again: it is encoded by the
    /// same writer as every commit's (whose self-check decodes it), and decoding 20,000 Runs' table again cost a third of
    /// the sealing. The content itself is the one the journal replays to (tested by settling the same recording both ways).
    /// </summary>
    private void CheckSealed(StoredManifest stored, byte[] config, ExperimentStatus status)
    {
        var layers = stored.Manifest.Layers;
        try
        {
            using var document = JsonDocument.Parse(config);
            var root = document.RootElement;
            if (root.GetProperty("status").GetString() != StatusText.Of(status) || root.GetProperty("runs").GetArrayLength() != content.Runs.Count
                || root.GetProperty("run_parameters").GetInt32() != layers.Count - 1 || layers[^1].MediaType != MediaTypes.RunParameters)
            {
                throw new ExperimentFormatException($"The prepared artifact {stored.Digest} does not hold the {content.Runs.Count} Run(s) and status {StatusText.Of(status)} it was sealed from");
            }

            if (Registry.Blobs.SizeOf(layers[^1].Digest) != layers[^1].Size)
            {
                throw new ExperimentFormatException($"The prepared artifact {stored.Digest} lacks its run-parameter table {layers[^1].Digest}");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ExperimentFormatException($"The prepared artifact {stored.Digest} does not decode: {e.Message}", e);
        }
    }

    /// <summary>
    /// The build step's publish without replay: when the journal at <paramref name="journalPath"/> ends with the prepared
    /// line of <paramref name="manifest"/>, that line says the build's own decision (<paramref name="status"/>,
    /// <paramref name="reason"/>), and the manifest and every blob it names are in the store with their sizes, publishes it
    /// as <see cref="Commit"/> or a failed/interrupted checkpoint of the restored journal would (insert-only commit ref
    /// with the commit marker first and this recording's checkpoint ref removed; or the checkpoint ref replaced, another
    /// recording's checkpoint kept), deletes the journal and returns what was published. Returns <c>null</c>, having published
    /// nothing, when any of that does not hold, and also when the commit ref is taken (the commit marker is then the
    /// journal's last line, which replay ignores): the caller then replays, as before this path existed.
    /// </summary>
    internal static PreparedPublication? TryPublishPrepared(LocalRegistry registry, ImageReference name, string journalPath, Digest manifest, ExperimentStatus status, string? reason)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(name);
        var expectedReason = status == ExperimentStatus.Finished ? null : Experiments.LifecycleReason.Normalize(reason);
        if (PreparedArtifactLine.LastLineOf(journalPath) is not { } last || !PreparedArtifactLine.TryParse(last, out var line)
            || line.Manifest != manifest || line.Status != status || line.Reason != expectedReason
            || RunJournalFiles.WriterOf(journalPath) is not { } writerId
            || RunJournalFiles.ReadHeader(journalPath) is not { } header || header.Requested != name.ToString())
        {
            return null;
        }

        using var journal = new ExperimentJournal(registry, name, writerId);
        if (!string.Equals(Path.GetFullPath(journal.PathNow), Path.GetFullPath(journalPath), StringComparison.Ordinal))
        {
            return null;
        }

        // Leased as a restore's writer leases what it publishes, until the ref and not the journal protects it.
        using var lease = registry.LeaseOptions.Enabled ? registry.AcquireLease(LeaseKind.Experiment, name.ToString()) : null;
        lease?.Register(manifest);
        StoredManifest stored;
        try
        {
            if (registry.Blobs.SizeOf(manifest) != line.Size)
            {
                return null;
            }

            stored = registry.ReadManifest(manifest);
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            return null;
        }

        var subject = stored.Manifest.Subject;
        var blobs = stored.Manifest.Layers.Prepend(stored.Manifest.Config).ToList();
        lease?.Register(blobs.Select(d => d.Digest).Concat(subject is null ? [] : [subject.Digest]));
        if (stored.Manifest.ArtifactType != MediaTypes.OmmxExperiment || blobs.Any(d => registry.Blobs.SizeOf(d.Digest) != d.Size))
        {
            return null;
        }

        ImageReference? preserved = null;
        if (status == ExperimentStatus.Finished)
        {
            journal.MarkCommit(manifest);
            if (registry.Publish(name, stored).IsConflict)
            {
                // The name is taken: the replay path reports it as a commit does today.
                return null;
            }

            var checkpointRef = ImageNames.CheckpointReference(registry.RegistryId, name);
            if (registry.FindRef(checkpointRef) is { } row && Digest.TryParse(row.ManifestDigest, out var current) && current == subject?.Digest)
            {
                registry.Index.DeleteIfUnchanged([row]);
            }
        }
        else
        {
            var checkpointRef = ImageNames.CheckpointReference(registry.RegistryId, name);
            preserved = PreserveDisplaced(registry, name, checkpointRef, manifest, null, subject);
            registry.Replace(checkpointRef, stored);
        }

        journal.Reset(null);
        return new PreparedPublication(stored.Descriptor, line.Runs, stored.Manifest.Annotations ?? new Dictionary<string, string>(), expectedReason, preserved);
    }
}
