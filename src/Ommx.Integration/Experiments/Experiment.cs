using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Experiments;

/// <summary>
/// An OMMX Experiment being recorded (or loaded). Open Runs with <see cref="Run()"/>, log experiment-level
/// attachments, then <see cref="Commit"/> — which writes exactly OMMX's artifact — or publish a failed or
/// interrupted checkpoint. Every closed Run is durable immediately (see <see cref="ExperimentJournal"/>).
/// </summary>
public sealed partial class Experiment : IDisposable
{
    private static readonly ExperimentStatus[] Loadable = [ExperimentStatus.Finished, ExperimentStatus.Failed, ExperimentStatus.Interrupted];
    private static readonly ExperimentStatus[] Restorable = [ExperimentStatus.Draft, ExperimentStatus.Failed, ExperimentStatus.Interrupted];

    private readonly bool ownsRegistry;
    private readonly Lock gate = new();
    private readonly ExperimentContent content;
    private readonly AttachmentScope attachments;
    private readonly ExperimentJournal? journal;
    private readonly ExperimentWriter? writer;
    private readonly List<string> pendingAttachments = [];
    private ulong nextRunId;
    private int openRuns;
    private string? commitFailure;
    private AutosavePolicy autosave = AutosavePolicy.Default;
    private int autosaveBaseline;
    private DateTime? lastAutosaveAttempt;
    private bool durableRuns = true;

    /// <summary>
    /// The annotations as they are now are in the journal (or its base): a record need not carry them again. Set
    /// by every line that carries them, cleared by <see cref="SetAnnotation"/> and by a failed journal write.
    /// </summary>
    private bool annotationsJournalled;

    /// <summary>The checkpoint this writer published last or restored from: the only one its commit may remove.</summary>
    private Digest? ownCheckpoint;

    private Experiment(LocalRegistry registry, bool ownsRegistry, ImageReference name, ExperimentContent content, ExperimentState state, LeaseKind leaseKind = LeaseKind.Experiment, string? session = null)
    {
        Registry = registry;
        this.ownsRegistry = ownsRegistry;
        ImageName = name;
        this.content = content;
        State = state;
        nextRunId = content.NextRunId;
        autosaveBaseline = content.Runs.Count;
        Columns = new RunParameterColumns(content.Runs.Values);
        if (state == ExperimentState.Unsealed)
        {
            // Every blob this Experiment writes is leased until a commit or checkpoint publishes it; inherited
            // blobs (restore, fork) are leased too, so GC keeps them even if their source ref goes away.
            Lease = registry.LeaseOptions.Enabled ? registry.AcquireLease(leaseKind, name.ToString()) : null;
            Lease?.Register(content.BlobDigests());
            journal = new ExperimentJournal(registry, name, Lease?.Id ?? Guid.NewGuid().ToString("N"), session);
            writer = new ExperimentWriter(journal);
        }

        attachments = new AttachmentScope(registry, content.Attachments, EnsureUnsealed, Lease);
    }

    internal LocalRegistry Registry { get; }

    /// <summary>The run-parameter column types accepted so far (checked at each <c>LogParameter</c>).</summary>
    internal RunParameterColumns Columns { get; }

    /// <summary>
    /// When set, a logging call whose value cannot be stored (a run parameter whose type conflicts with its
    /// column) is reported here and the value dropped, instead of throwing at the caller. Test frameworks set it
    /// so that a recording problem never fails a test; without it the call throws <see cref="RunParameterTypeException"/>.
    /// </summary>
    public Action<OmmxException>? RecordingErrorHandler { get; set; }

    /// <summary>Hands <paramref name="error"/> to <see cref="RecordingErrorHandler"/>, or throws it when there is none.</summary>
    internal void ReportRecordingError(OmmxException error)
    {
        if (RecordingErrorHandler is not { } handler)
        {
            throw error;
        }

        handler(error);
    }

    /// <summary>The writer lease of an unsealed Experiment (released by commit, a failed/interrupted checkpoint, or dispose).</summary>
    internal WriterLease? Lease { get; private set; }

    /// <summary>The id of the writer lease protecting this recording's unpublished blobs (<c>null</c> once sealed).</summary>
    public string? LeaseId => Lease?.Id;

    /// <summary>The name a commit publishes (canonical form).</summary>
    public ImageReference ImageName { get; private set; }

    internal ExperimentState State { get; private set; }

    /// <summary><c>null</c> while unsealed; the config status once committed, loaded or checkpointed.</summary>
    public ExperimentStatus? Status { get; private set; }

    public string? LifecycleReason { get; private set; }

    /// <summary>The committed (or checkpoint) manifest; <c>null</c> while unsealed.</summary>
    public Descriptor? Manifest { get; private set; }

    /// <summary>Starts a new Experiment in <paramref name="registry"/> (an anonymous name when <paramref name="imageName"/> is null).</summary>
    public static Experiment Create(LocalRegistry registry, string? imageName = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return Create(registry, imageName, LeaseKind.Experiment, session: null);
    }

    /// <summary>Starts a new Experiment whose lease says what kind of writer records it, and whose journal names the <c>dotnet test</c> session it records.</summary>
    internal static Experiment Create(LocalRegistry registry, string? imageName, LeaseKind leaseKind, string? session) =>
        new(registry, false, NameFor(registry, imageName is null ? null : ImageReference.Parse(imageName)), new ExperimentContent(), ExperimentState.Unsealed, leaseKind, session);

    /// <summary>The requested name, or a new anonymous one in this registry (<c>&lt;id8&gt;.ommx.local/experiment:&lt;time&gt;-&lt;hex&gt;</c>).</summary>
    private static ImageReference NameFor(LocalRegistry registry, ImageReference? requested) =>
        requested ?? ImageNames.NewAnonymous(registry.RegistryId, ImageNames.ExperimentRepository);

    /// <summary>The single writer that owns this Experiment's journal (<c>null</c> when loaded sealed).</summary>
    internal ExperimentWriter? Writer => writer;

    /// <summary>This writer's Run journal file (<c>null</c> once sealed).</summary>
    internal string? JournalPath => journal?.PathNow;

    /// <summary>A failed or interrupted checkpoint of another recording of this name that this writer's checkpoint displaced, kept under this user-facing name.</summary>
    internal ImageReference? PreservedCheckpoint { get; private set; }

    /// <summary>Starts a new Experiment in the registry at <paramref name="root"/> (default: the OMMX root).</summary>
    public static Experiment Create(string? imageName = null, string? root = null)
    {
        var requested = imageName is null ? null : ImageReference.Parse(imageName);
        var registry = LocalRegistry.Open(root);
        try
        {
            return new Experiment(registry, true, NameFor(registry, requested), new ExperimentContent(), ExperimentState.Unsealed);
        }
        catch
        {
            registry.Dispose(); // the Experiment that would have owned it never started
            throw;
        }
    }

    public AutosavePolicy AutosavePolicy
    {
        get => autosave;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (gate)
            {
                EnsureUnsealed();
                autosave = value;
                autosaveBaseline = content.Runs.Count;
                lastAutosaveAttempt = null;
            }
        }
    }

    /// <summary>
    /// Journal every Run close so it survives a crash (default <c>true</c>). Switching it off leaves only the
    /// autosave policy's drafts and the final commit — OMMX's own behaviour.
    /// </summary>
    public bool DurableRuns
    {
        get => durableRuns;
        set
        {
            lock (gate)
            {
                EnsureUnsealed();
                durableRuns = value;
            }
        }
    }

    /// <summary>Opens the next Run (ids 0, 1, 2, … in opening order).</summary>
    public Run Run() => Run(label: null);

    /// <summary>
    /// Opens the next Run with a label. With <paramref name="announce"/> the open Run is journalled at once,
    /// so if the process dies before the Run closes, a restore can name it (see <see cref="RunsOpenAtLastRecord"/>).
    /// </summary>
    public Run Run(string? label, bool announce = false)
    {
        Run run;
        WriterEntry? announced = null;
        lock (gate)
        {
            EnsureUnsealed();
            if (nextRunId == ulong.MaxValue)
            {
                throw new ExperimentStateException("Run ID space is exhausted");
            }

            openRuns++;
            run = new Run(this, nextRunId++, label);
            if (durableRuns)
            {
                // The writer keeps the open-Run list every line carries; an announced Run gets a line of its own: the
                // compact open-Run line, or a record carrying the annotations when the journal does not have them yet
                // (so a host killed in its first test still leaves them).
                var full = announce && !annotationsJournalled;
                var entry = writer!.Enqueue(new WriterEntry { Opened = new OpenRunInfo(run.Id, label), Line = full ? AnnotationsOnly() : null, OpenLine = announce && !full });
                annotationsJournalled |= full;
                announced = announce ? entry : null;
            }
        }

        if (announced is not null)
        {
            // Journalled before the Run's code runs, so a crash in it can be named. The wait holds no lock.
            WaitForLine(announced);
        }

        return run;
    }

    /// <summary>Waits for a journal line; if it failed, the annotations it may have carried are written again with the next one.</summary>
    private void WaitForLine(WriterEntry entry)
    {
        try
        {
            writer!.WaitFor(entry);
        }
        catch
        {
            lock (gate)
            {
                annotationsJournalled = false;
            }

            throw;
        }
    }

    private ExperimentContent AnnotationsOnly()
    {
        var delta = new ExperimentContent();
        foreach (var (k, v) in content.Annotations)
        {
            delta.Annotations[k] = v;
        }

        return delta;
    }

    /// <summary>After a restore: Runs that were open (announced) when the last journal record was written and never closed.</summary>
    public IReadOnlyList<OpenRunInfo> RunsOpenAtLastRecord { get; private set; } = [];

    /// <summary>How many Runs are closed (recorded) so far.</summary>
    public int ClosedRunCount
    {
        get
        {
            lock (gate)
            {
                return content.Runs.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> in a new Run; an escaping exception closes it as failed (interrupted for cancellation) and is rethrown.</summary>
    public void Run(Action<Run> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var run = Run();
        try
        {
            body(run);
        }
        catch (Exception e)
        {
            run.CloseWith(e);
            throw;
        }
    }

    public async Task RunAsync(Func<Run, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var run = Run();
        try
        {
            await body(run).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            run.CloseWith(e);
            throw;
        }
    }

    public void SetAnnotation(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.StartsWith("org.ommx.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Annotation key `{key}` is reserved for OMMX metadata", nameof(key));
        }

        lock (gate)
        {
            EnsureUnsealed();
            content.Annotations[key] = value;
            annotationsJournalled = false;
        }
    }

    public IReadOnlyDictionary<string, string> Annotations
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, string>(content.Annotations);
            }
        }
    }

    public void LogJson<T>(string name, T value, AttachmentCompression compression = AttachmentCompression.None)
    {
        attachments.LogJson(name, value, compression);
        Track(name);
    }

    public void LogBytes(string name, string mediaType, ReadOnlySpan<byte> bytes, AttachmentCompression compression = AttachmentCompression.None)
    {
        attachments.LogBytes(name, mediaType, bytes, compression);
        Track(name);
    }

    public void LogFile(string name, string path, string? mediaType = null, string? filename = null, AttachmentCompression compression = AttachmentCompression.None)
    {
        attachments.LogFile(name, path, mediaType, filename, compression);
        Track(name);
    }

    public void LogWithCodec<T>(IAttachmentCodec<T> codec, string name, T value, AttachmentCompression compression = AttachmentCompression.None)
    {
        ArgumentNullException.ThrowIfNull(codec);
        LogBytes(name, codec.MediaType, codec.Encode(value), compression);
    }

    /// <summary>Remembers an experiment-level attachment for the next journal record.</summary>
    private void Track(string name)
    {
        lock (gate)
        {
            pendingAttachments.Add(name);
        }
    }

    /// <summary>
    /// Records a closed Run: its journal line is handed to the writer, and the caller waits (holding no lock) until
    /// the line is written, so a Run reported closed survives a killed process. Concurrent closes share one write.
    /// </summary>
    internal void OnRunClosed(RunRecord record)
    {
        WriterEntry? line = null;
        WriterEntry? draft = null;
        lock (gate)
        {
            openRuns--;
            if (State != ExperimentState.Unsealed)
            {
                // A Run that outlived its Experiment's commit or checkpoint: nothing left to record it in.
                throw new ExperimentStateException($"Run {record.Id} closed after the Experiment was {(State == ExperimentState.Sealed ? "committed" : "checkpointed")}; it was not recorded");
            }

            content.Runs[record.Id] = record;
            if (durableRuns)
            {
                // The annotations only when they changed since the last line (replay keeps the last ones it read).
                var delta = annotationsJournalled ? new ExperimentContent() : AnnotationsOnly();
                annotationsJournalled = true;
                delta.Runs[record.Id] = record;
                foreach (var name in pendingAttachments)
                {
                    delta.Attachments[name] = content.Attachments[name];
                }

                line = writer!.Enqueue(new WriterEntry { Closed = record.Id, Line = delta });
                pendingAttachments.Clear();
            }

            draft = MaybeAutosave();
        }

        if (line is not null)
        {
            WaitForLine(line);
        }

        if (draft is not null)
        {
            writer!.WaitFor(draft);
        }
    }

    /// <summary>When the autosave policy says so, hands a draft checkpoint of the content as it is now to the writer.</summary>
    private WriterEntry? MaybeAutosave()
    {
        var now = DateTime.UtcNow;
        if (!autosave.IsDue(content.Runs.Count, autosaveBaseline, lastAutosaveAttempt, now))
        {
            return null;
        }

        lastAutosaveAttempt = now;
        var snapshot = content.Clone();
        autosaveBaseline = content.Runs.Count;
        pendingAttachments.Clear();
        var name = ImageName;
        return writer!.Enqueue(new WriterEntry { Work = () => WriteCheckpoint(snapshot, name, ExperimentStatus.Draft, null) });
    }

    /// <summary>Under the gate, with the writer idle: writes a checkpoint of the current content now.</summary>
    private Descriptor WriteCheckpointNow(ExperimentStatus status, string? reason)
    {
        writer!.Flush();
        var descriptor = WriteCheckpoint(content, ImageName, status, reason);
        pendingAttachments.Clear();
        return descriptor;
    }

    /// <summary>Publishes a checkpoint of <paramref name="source"/> and restarts the journal on top of it (on the writer, or with the writer idle).</summary>
    private Descriptor WriteCheckpoint(ExperimentContent source, ImageReference name, ExperimentStatus status, string? reason)
    {
        var (stored, _) = ExperimentArtifactWriter.Seal(Registry, Lease, source, status, reason, name);
        var checkpointRef = ImageNames.CheckpointReference(Registry.RegistryId, name);
        PreserveDisplaced(checkpointRef, stored.Digest, source.Subject);
        Registry.Replace(checkpointRef, stored);
        ownCheckpoint = stored.Digest;
        journal!.Reset(status == ExperimentStatus.Draft ? stored.Descriptor : null);
        return stored.Descriptor;
    }

    /// <summary>
    /// OMMX keeps one checkpoint per requested name. When another recording of this name (a concurrent writer, or an
    /// earlier run of the same name) left a failed or interrupted checkpoint there, replacing it would lose its Runs:
    /// it is first tagged under <c>&lt;name&gt;-&lt;status&gt;-&lt;12 hex of its digest&gt;</c>, as OMMX's rename of a checkpoint does.
    /// A draft of another writer needs no tag: that writer's journal names it as its base.
    /// </summary>
    private void PreserveDisplaced(ImageReference checkpointRef, Digest incoming, Descriptor? subject)
    {
        if (PreserveDisplaced(Registry, ImageName, checkpointRef, incoming, ownCheckpoint, subject) is { } kept)
        {
            PreservedCheckpoint = kept;
        }
    }

    /// <summary>
    /// <see cref="PreserveDisplaced(ImageReference, Digest, Descriptor?)"/> for any writer of <paramref name="name"/>:
    /// the tag the displaced failed or interrupted checkpoint is kept under, or <c>null</c> when nothing needed keeping.
    /// </summary>
    internal static ImageReference? PreserveDisplaced(LocalRegistry registry, ImageReference name, ImageReference checkpointRef, Digest incoming, Digest? own, Descriptor? subject)
    {
        if (registry.Resolve(checkpointRef) is not { } current || current == incoming || current == own || current == subject?.Digest)
        {
            return null;
        }

        ExperimentStatus status;
        try
        {
            status = ExperimentArtifactReader.Read(registry, registry.ReadManifest(current), Restorable).Status;
        }
        catch (OmmxException)
        {
            return null;
        }

        if (status == ExperimentStatus.Draft)
        {
            return null;
        }

        var suffix = "-" + StatusText.Of(status) + "-" + current.Hex[..12];
        var tag = name.Tag ?? "checkpoint";
        var keep = ImageReference.FromRepositoryAndReference(name.RepositoryKey, tag[..Math.Min(tag.Length, 128 - suffix.Length)] + suffix);
        registry.Publish(keep, current);
        return keep;
    }

    /// <summary>Writes a draft checkpoint now, whatever the autosave policy.</summary>
    public void Checkpoint()
    {
        lock (gate)
        {
            EnsureUnsealed();
            WriteCheckpointNow(ExperimentStatus.Draft, null);
            autosaveBaseline = content.Runs.Count;
        }
    }

    /// <summary>
    /// Publishes the Experiment under <see cref="ImageName"/> in OMMX's order and removes its checkpoint.
    /// Refuses while Runs are open and never moves a ref that points at another manifest.
    /// </summary>
    public Descriptor Commit()
    {
        lock (gate)
        {
            EnsureUnsealed();
            if (openRuns > 0)
            {
                throw new ExperimentStateException($"Cannot commit Experiment while {openRuns} Run handle(s) are still open");
            }

            StoredManifest stored;
            PublishResult result;
            writer!.Flush();
            try
            {
                (stored, _) = ExperimentArtifactWriter.Seal(Registry, Lease, content, ExperimentStatus.Finished, null, null);
                journal!.MarkCommit(stored.Digest);
                result = Registry.Publish(ImageName, stored);
            }
            catch (OmmxException e)
            {
                Fail(e.Message);
                throw;
            }

            if (result.IsConflict)
            {
                var message = $"Local registry ref {ImageName} already points to {result.Existing}; experiment manifest {stored.Digest} was not published";
                Fail(message);
                throw new RefConflictException(message, result);
            }

            // Only this writer's own checkpoint goes: another recording's (a concurrent writer's draft, an earlier
            // run's failed checkpoint) stays restorable. The row is removed only if it is still the one checked.
            var checkpointRef = ImageNames.CheckpointReference(Registry.RegistryId, ImageName);
            if (Registry.FindRef(checkpointRef) is { } row && Digest.TryParse(row.ManifestDigest, out var current)
                && (current == ownCheckpoint || current == content.Subject?.Digest))
            {
                Registry.Index.DeleteIfUnchanged([row]);
            }

            journal!.Reset(null);
            Seal(ExperimentState.Sealed, ExperimentStatus.Finished, null, stored.Descriptor);
            ReleaseLease();
            return stored.Descriptor;
        }

        void Fail(string message)
        {
            commitFailure = message;
            State = ExperimentState.CommitFailed;
        }
    }

    /// <summary>Publishes a <c>failed</c> checkpoint holding every closed Run; the handle becomes read-only.</summary>
    public Descriptor CommitFailedCheckpoint(string reason) => CommitCheckpoint(ExperimentStatus.Failed, reason);

    /// <summary>Publishes an <c>interrupted</c> checkpoint (cancellation, a crashed host).</summary>
    public Descriptor CommitInterruptedCheckpoint(string reason) => CommitCheckpoint(ExperimentStatus.Interrupted, reason);

    private Descriptor CommitCheckpoint(ExperimentStatus status, string reason)
    {
        lock (gate)
        {
            EnsureUnsealed();
            var normalized = Experiments.LifecycleReason.Normalize(reason);
            var descriptor = WriteCheckpointNow(status, normalized);
            Seal(ExperimentState.Checkpoint, status, normalized, descriptor);
            ReleaseLease();
            return descriptor;
        }
    }

    private void Seal(ExperimentState state, ExperimentStatus status, string? reason, Descriptor manifest)
    {
        State = state;
        Status = status;
        LifecycleReason = reason;
        Manifest = manifest;
    }

    /// <summary>Unsealed: changes the name a commit publishes (moving checkpoint and journal). Sealed: also publishes under the new name.</summary>
    public void Rename(string imageName)
    {
        var newName = ImageReference.Parse(imageName);
        lock (gate)
        {
            switch (State)
            {
                case ExperimentState.Unsealed:
                    var oldCheckpoint = ImageNames.CheckpointReference(Registry.RegistryId, ImageName);
                    var hadCheckpoint = Registry.Resolve(oldCheckpoint) is not null;
                    writer!.Flush();
                    journal!.Rename(newName);
                    ImageName = newName;
                    Lease?.SetSubject(newName.ToString());
                    if (hadCheckpoint)
                    {
                        Registry.Remove(oldCheckpoint);
                        WriteCheckpointNow(ExperimentStatus.Draft, null);
                    }

                    break;
                case ExperimentState.Sealed or ExperimentState.Checkpoint:
                    var result = Registry.Publish(newName, Manifest!.Digest);
                    if (result.IsConflict)
                    {
                        throw new RefConflictException($"Local registry ref {newName} already points to {result.Existing}; experiment manifest {Manifest.Digest} was not published", result);
                    }

                    ImageName = newName;
                    break;
                default:
                    throw new ExperimentStateException($"Experiment commit has failed: {commitFailure}");
            }
        }
    }

    internal void EnsureUnsealed()
    {
        switch (State)
        {
            case ExperimentState.Sealed:
                throw new ExperimentStateException("Sealed Experiment is read-only");
            case ExperimentState.Checkpoint:
                throw new ExperimentStateException("Checkpointed Experiment is read-only");
            case ExperimentState.CommitFailed:
                throw new ExperimentStateException($"Experiment commit has failed: {commitFailure}");
        }
    }

    private void EnsureCommitted()
    {
        if (State is ExperimentState.Unsealed or ExperimentState.CommitFailed)
        {
            throw new ExperimentStateException("Experiment must be committed before accessing this view");
        }
    }

    public override string ToString() =>
        $"Experiment(image_name='{ImageName}', state='{(State == ExperimentState.Unsealed ? "unsealed" : State == ExperimentState.Sealed ? "sealed" : "failed")}', open_runs={openRuns})";

    /// <summary>
    /// Drops the lease once everything it protected is reachable from a ref (commit, checkpoint) or a Run
    /// journal (dispose without commit). GC reads leases before refs and journals, so it sees one or the other.
    /// </summary>
    private void ReleaseLease()
    {
        Lease?.Dispose();
        Lease = null;
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer?.Flush();
            ReleaseLease();
        }

        journal?.Dispose();
        if (ownsRegistry)
        {
            Registry.Dispose();
        }
    }
}
