using System.Globalization;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Testing.Resume;

namespace Ommx.Integration.Testing.Sessions;

/// <summary>
/// The build side of a recorded <c>dotnet test</c>: <see cref="Begin(TestRunRequest)"/> before the test host starts (choose
/// and check the image name), <see cref="Finish"/> after it (commit, failed checkpoint, or interrupted
/// checkpoint when the host died), and <see cref="RecoverStale"/> for sessions whose build was killed
/// before its commit step. The test host journals every Run under the session's image name and reports
/// with <see cref="ReportHostFinished"/> when it reaches the end of the assembly.
/// </summary>
internal sealed class TestRunSessions
{
    /// <summary>Environment variable carrying the session id into the test host.</summary>
    public const string SessionVariable = "OMMX_SESSION_ID";

    /// <summary>Moving alias of the newest committed Experiment in a repository.</summary>
    public const string LatestTag = "latest";

    /// <summary>Moving alias of the newest failed or interrupted checkpoint in a repository.</summary>
    public const string LatestFailedTag = "latest-failed";

    private readonly DeferredRegistry deferred;
    private readonly TestRunSessionFiles files;

    public TestRunSessions(LocalRegistry registry)
        : this(DeferredRegistry.Of(registry ?? throw new ArgumentNullException(nameof(registry))))
    {
    }

    /// <summary>
    /// Sessions of a registry opened only when a step needs its index: <see cref="RecoverStale"/> with no stale session and
    /// <see cref="Begin(TestRunRequest)"/> of a fresh repository name (no resume) read and write session files only.
    /// </summary>
    internal TestRunSessions(DeferredRegistry registry)
    {
        deferred = registry ?? throw new ArgumentNullException(nameof(registry));
        files = new TestRunSessionFiles(registry.Root);
    }

    /// <summary>The registry, opened on first use.</summary>
    private LocalRegistry Registry => deferred.Value;

    /// <summary>Opens a session: the image name is fresh, or the explicit one after checking nobody owns it.</summary>
    /// <exception cref="ExperimentNameTakenException">The explicit name is committed already or in use by a live run.</exception>
    public TestRunSession Begin(TestRunRequest request) => Begin(request, OwnerProcess.Current());

    /// <summary>Opens a session owned by <paramref name="owner"/> (the build process that will finish it).</summary>
    internal TestRunSession Begin(TestRunRequest request, OwnerProcess owner)
    {
        ArgumentNullException.ThrowIfNull(request);
        var explicitName = !string.IsNullOrWhiteSpace(request.ExperimentName);
        var name = explicitName ? ExplicitName(request) : FreshName(request);
        if (explicitName)
        {
            EnsureFree(name);
        }

        var resume = request.Resume || !string.IsNullOrWhiteSpace(request.ResumeFrom) ? DecideResume(request, name) : null;
        var session = new TestRunSession
        {
            Fingerprint = request.Fingerprint,
            RetryFailed = request.RetryFailed >= 0 ? request.RetryFailed : throw new OmmxException($"OmmxRetryFailed must be 0 or more, not {request.RetryFailed}"),
            Resume = resume is { Kind: ResumeDecisionKind.Resume, Plan: { } plan }
                ? new TestRunResume
                {
                    ImageName = plan.Checkpoint.ImageName,
                    RecordedName = plan.Checkpoint.RequestedImage,
                    ManifestDigest = plan.Checkpoint.Manifest.Digest.ToString(),
                    ForcedAcross = resume.Changes.Count > 0 ? string.Join("; ", resume.Changes) : null,
                }
                : null,
            ResumeNote = resume?.Message,
            Id = Guid.NewGuid().ToString("N"),
            ImageName = name.ToString(),
            ExplicitName = explicitName,
            Project = request.Project,
            TargetFramework = request.TargetFramework,
            Owner = owner,
            CreatedUtc = DateTime.UtcNow,
        };
        files.WriteSession(session);
        return session;
    }

    /// <exception cref="ResumeRefusedException">The checkpoint's fingerprint differs and the resume is not forced.</exception>
    private ResumeDecision DecideResume(TestRunRequest request, ImageReference name)
    {
        var resumeRequest = new ResumeRequest
        {
            From = string.IsNullOrWhiteSpace(request.ResumeFrom) ? null : request.ResumeFrom,
            Force = request.ResumeForce,
            Repository = name.RepositoryKey,
            Project = request.Project,
            TargetFramework = request.TargetFramework,
            Current = request.Fingerprint ?? new TestRunFingerprint(null, null, null),
        };
        ResumeDecision decision;
        try
        {
            decision = ResumePlanner.Decide(Registry, resumeRequest);
        }
        catch (OmmxException e) when (e is not ResumeRefusedException && resumeRequest.From is not null)
        {
            // The named checkpoint is missing or not failed/interrupted: refused, with nothing changed to name.
            throw new ResumeRefusedException(new ResumeDecision { Kind = ResumeDecisionKind.Refused, Message = $"OmmxResumeFrom: {e.Message}" });
        }

        return decision.Kind == ResumeDecisionKind.Refused ? throw new ResumeRefusedException(decision) : decision;
    }

    /// <summary>The session the build opened, for the test host.</summary>
    /// <exception cref="OmmxException">No such session under this registry root.</exception>
    public TestRunSession Get(string id) =>
        files.ReadSession(id) ?? throw new OmmxException($"No test session {id} under {files.Directory}; was the registry root changed between the build and the test host?");

    /// <summary>Called by the test host at the end of the assembly: proves it did not crash.</summary>
    public void ReportHostFinished(string id, TestHostReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _ = Get(id);
        files.WriteHostReport(id, report);
    }

    /// <summary>
    /// Settles a session after the tests: commit when the host finished and every test passed, a failed
    /// checkpoint when tests failed, an interrupted checkpoint when the host never reported (crash).
    /// </summary>
    /// <param name="id">The session id from <see cref="Begin(TestRunRequest)"/>.</param>
    /// <param name="testsSucceeded">What the test command said (false for failures and aborted runs).</param>
    public TestRunOutcome Finish(string id, bool testsSucceeded)
    {
        var session = Get(id);
        using var held = files.TryLock(id) ?? throw new OmmxException($"Test session {id} is being settled by another process");
        var report = files.ReadHostReport(id);
        var outcome = report is null
            ? Settle(session, null, testsSucceeded ? "the test host ended without reaching the end of the test assembly" : "the test host crashed or was aborted", testsSucceeded)
            : Settle(session, report, testsSucceeded ? null : "dotnet test reported a failure");
        files.Delete(id);
        return outcome;
    }

    /// <summary>
    /// Turns every session whose build process is gone (a <c>dotnet test</c> killed as a whole, or a commit step
    /// that failed) into an interrupted checkpoint, so no recorded Run is dropped silently. A session that cannot
    /// be recovered is reported once (its failure is written next to it) and then left to <c>ommx doctor</c>.
    /// </summary>
    public IReadOnlyList<TestRunOutcome> RecoverStale()
    {
        var outcomes = new List<TestRunOutcome>();
        foreach (var (id, session) in SessionsOfGoneProcesses())
        {
            if (files.ReadFailure(id) is not null)
            {
                continue;
            }

            using var held = files.TryLock(id);
            if (held is null || files.ReadSession(id) is null)
            {
                continue;
            }

            var project = ProjectText(session);
            try
            {
                outcomes.Add(Settle(session, null, $"dotnet test stopped before its commit step ran ({project}, started {session.CreatedUtc:u})"));
                files.Delete(id);
            }
            catch (Exception e) when (StorageErrors.IsStorageError(e))
            {
                // One damaged recording must not stop every later test run: report it this once, keep its files for doctor.
                files.WriteFailure(id, new TestRunSessionFailure { Reason = e.Message, FailedUtc = DateTime.UtcNow });
                outcomes.Add(new TestRunOutcome
                {
                    Kind = TestRunOutcomeKind.NothingRecorded,
                    SessionId = id,
                    ImageName = session.ImageName,
                    Reason = $"the stale session of {project} could not be recovered ({e.Message}); `ommx doctor --fix` saves what can still be read as an interrupted checkpoint (this is reported once)",
                });
            }
        }

        return outcomes;
    }

    /// <summary>Sessions whose build process is gone without settling them (recoverable or not), for <c>ommx doctor</c>.</summary>
    internal IReadOnlyList<UnfinishedTestRun> ListUnfinished()
    {
        var unfinished = new List<UnfinishedTestRun>();
        foreach (var (id, session) in SessionsOfGoneProcesses())
        {
            var journal = JournalOf(session) is { } path ? new FileInfo(path) : null;
            unfinished.Add(new UnfinishedTestRun(session, files.ReadFailure(id), journal is { Exists: true } ? journal.Length : 0));
        }

        return unfinished;
    }

    /// <summary>The readable sessions whose build process is gone; an unreadable session file is skipped.</summary>
    private IEnumerable<(string Id, TestRunSession Session)> SessionsOfGoneProcesses()
    {
        foreach (var id in files.SessionIds())
        {
            TestRunSession? session;
            try
            {
                session = files.ReadSession(id);
            }
            catch (OmmxException)
            {
                continue;
            }

            if (session is not null && !session.Owner.IsAlive())
            {
                yield return (id, session);
            }
        }
    }

    /// <summary>
    /// <c>ommx doctor --fix</c> for an unfinished session: an interrupted checkpoint of its whole recording if it
    /// restores; else of whatever of it can still be read (the losses listed); else, when nothing can be saved, its
    /// journal and session files are removed (and listed). Its dead host's lease is released either way.
    /// </summary>
    /// <exception cref="OmmxException">The session is being settled by another process, or its owner still runs.</exception>
    internal TestRunRepair Repair(string id)
    {
        var session = Get(id);
        if (session.Owner.IsAlive())
        {
            throw new OmmxException($"Test session {id} is still owned by running process {session.Owner.ProcessId}");
        }

        using var held = files.TryLock(id) ?? throw new OmmxException($"Test session {id} is being settled by another process");
        var name = ImageReference.Parse(session.ImageName);
        TestRunRepair repair;
        try
        {
            var outcome = Settle(session, null, $"dotnet test stopped before its commit step ran ({ProjectText(session)}, started {session.CreatedUtc:u}); recovered by ommx doctor");
            repair = new TestRunRepair
            {
                SessionId = id,
                ImageName = session.ImageName,
                Action = outcome.Kind == TestRunOutcomeKind.NothingRecorded ? TestRunRepairAction.Removed : TestRunRepairAction.Recovered,
                ManifestDigest = outcome.ManifestDigest,
                Runs = outcome.Runs,
                Removed = outcome.Kind == TestRunOutcomeKind.NothingRecorded ? Listed(files.FilesOf(id)) : [],
            };
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            repair = Salvage(session, name, e.Message);
        }

        files.Delete(id);
        StaleWriterRecovery.ReleaseSettled(Registry, name, LeaseKind.TestSession);
        return repair;
    }

    private TestRunRepair Salvage(TestRunSession session, ImageReference name, string failure)
    {
        var journal = JournalOf(session);
        var salvaged = journal is not null ? ExperimentSalvage.Read(Registry, journal) : null;
        if (salvaged is { } s)
        {
            using var experiment = Experiment.FromSalvage(Registry, name, s.Content);
            var runs = experiment.ClosedRunCount;
            var reason = $"dotnet test stopped before its commit step ran ({ProjectText(session)}); recovered by ommx doctor after: {failure}; "
                + $"{s.Losses.Count} part(s) unreadable: {string.Join("; ", s.Losses.Take(5))}{(s.Losses.Count > 5 ? "; …" : string.Empty)}";
            var checkpoint = experiment.CommitInterruptedCheckpoint(reason);
            PointAlias(name, LatestFailedTag, checkpoint.Digest);
            BlobStore.TryDelete(journal!);
            return new TestRunRepair
            {
                SessionId = session.Id,
                ImageName = session.ImageName,
                Action = TestRunRepairAction.Salvaged,
                ManifestDigest = checkpoint.Digest.ToString(),
                Runs = runs,
                Losses = s.Losses,
            };
        }

        var removed = Listed(files.FilesOf(session.Id).Concat(journal is null ? [] : [journal]).Where(File.Exists));
        if (journal is not null)
        {
            BlobStore.TryDelete(journal);
        }

        return new TestRunRepair
        {
            SessionId = session.Id,
            ImageName = session.ImageName,
            Action = TestRunRepairAction.Removed,
            Removed = removed,
            Losses = [failure],
        };
    }

    private static List<string> Listed(IEnumerable<string> paths) =>
        paths.Select(p => $"{p} ({ByteSize.Format(new FileInfo(p).Length)})").ToList();

    private static string ProjectText(TestRunSession session) =>
        string.Join(' ', new[] { session.Project, session.TargetFramework }.Where(s => s is not null));

    /// <param name="session">The session to settle.</param>
    /// <param name="report">The host's report; <c>null</c> when the host (or the whole run) died.</param>
    /// <param name="failure">Why the run is not a success although the host may have reported none; <c>null</c> for none.</param>
    /// <param name="testsSucceeded">What the test command said; with no record and no host report, true means no test ran (for example a <c>--filter</c> matching none), not a crash.</param>
    private TestRunOutcome Settle(TestRunSession session, TestHostReport? report, string? failure, bool testsSucceeded = false)
    {
        var name = ImageReference.Parse(session.ImageName);
        var journal = JournalOf(session);
        if (journal is null && !CheckpointedSince(name, session.CreatedUtc))
        {
            return new TestRunOutcome
            {
                Kind = TestRunOutcomeKind.NothingRecorded,
                SessionId = session.Id,
                ImageName = session.ImageName,
                RegistryRoot = Registry.Root,
                Reason = report is not null || testsSucceeded
                    ? "no test ran (a --filter that matches no test, or recording is off in the test host)"
                    : failure ?? "no test ran",
            };
        }

        if (report is not null && journal is not null && TryPublishPrepared(session, name, journal, report, failure) is { } published)
        {
            return published;
        }

        using var experiment = Experiment.RestoreFromCheckpoint(Registry, name, journal);
        var runs = experiment.ClosedRunCount;
        var (carried, resumedFrom) = ResumeOf(experiment);
        if (report is null)
        {
            var crashed = experiment.RunsOpenAtLastRecord.Select(r => r.Label ?? r.RunId.ToString(CultureInfo.InvariantCulture)).ToList();
            var reason = crashed.Count > 0 ? $"{failure} while running {string.Join(", ", crashed)}" : failure!;
            var checkpoint = experiment.CommitInterruptedCheckpoint(reason);
            // The dead host's lease protected what the checkpoint now holds: release it, or doctor stays unhealthy.
            StaleWriterRecovery.ReleaseSettled(Registry, name, LeaseKind.TestSession);
            return Checkpointed(TestRunOutcomeKind.InterruptedCheckpoint, session, name, checkpoint, runs, experiment.LifecycleReason, experiment.PreservedCheckpoint) with { Carried = carried, ResumedFrom = resumedFrom };
        }

        if (Decide(report.Failed, report.FailureReason, failure) is (ExperimentStatus.Failed, var failedReason))
        {
            var checkpoint = experiment.CommitFailedCheckpoint(failedReason!);
            return Checkpointed(TestRunOutcomeKind.FailedCheckpoint, session, name, checkpoint, runs, experiment.LifecycleReason, experiment.PreservedCheckpoint) with { RecordingErrors = report.RecordingErrors, Carried = carried, ResumedFrom = resumedFrom };
        }

        var manifest = experiment.Commit();
        return new TestRunOutcome
        {
            Kind = TestRunOutcomeKind.Committed,
            SessionId = session.Id,
            ImageName = session.ImageName,
            ManifestDigest = manifest.Digest.ToString(),
            Alias = PointAlias(name, LatestTag, manifest.Digest),
            RegistryRoot = Registry.Root,
            Runs = runs,
            RecordingErrors = report.RecordingErrors,
            Carried = carried,
            ResumedFrom = resumedFrom,
        };
    }

    /// <summary>
    /// What a host that reached its end makes of its recording: a commit (<see cref="ExperimentStatus.Finished"/>), or a
    /// failed checkpoint and its reason when tests failed (<paramref name="failedTests"/>, <paramref name="failedTestsReason"/>)
    /// or the test command failed although the host saw no failure (<paramref name="failure"/>). The host prepares by it
    /// (with no <paramref name="failure"/>), the build step settles by it.
    /// </summary>
    internal static (ExperimentStatus Status, string? Reason) Decide(int failedTests, string? failedTestsReason, string? failure) =>
        failedTests > 0 || failure is not null
            ? (ExperimentStatus.Failed, failedTests > 0 ? failedTestsReason ?? $"{failedTests} test(s) failed" : failure)
            : (ExperimentStatus.Finished, null);

    /// <summary>
    /// Publishes the artifact the host prepared when it is what this settle decides (same status and reason, the journal
    /// ending with its line, its blobs present), with the same refs, aliases and outcome as the replay below; <c>null</c>
    /// when it does not apply (nothing published), and the journal is replayed.
    /// </summary>
    private TestRunOutcome? TryPublishPrepared(TestRunSession session, ImageReference name, string journal, TestHostReport report, string? failure)
    {
        if (!Digest.TryParse(report.PreparedManifest, out var prepared))
        {
            return null;
        }

        var (status, reason) = Decide(report.Failed, report.FailureReason, failure);
        if (Experiment.TryPublishPrepared(Registry, name, journal, prepared, status, reason) is not { } published)
        {
            return null;
        }

        var (carried, resumedFrom) = ResumeOf(published.Annotations);
        if (status == ExperimentStatus.Finished)
        {
            return new TestRunOutcome
            {
                Kind = TestRunOutcomeKind.Committed,
                SessionId = session.Id,
                ImageName = session.ImageName,
                ManifestDigest = published.Manifest.Digest.ToString(),
                Alias = PointAlias(name, LatestTag, published.Manifest.Digest),
                RegistryRoot = Registry.Root,
                Runs = published.Runs,
                RecordingErrors = report.RecordingErrors,
                Carried = carried,
                ResumedFrom = resumedFrom,
                FromPreparedArtifact = true,
            };
        }

        return Checkpointed(TestRunOutcomeKind.FailedCheckpoint, session, name, published.Manifest, published.Runs, published.Reason, published.PreservedCheckpoint)
            with { RecordingErrors = report.RecordingErrors, Carried = carried, ResumedFrom = resumedFrom, FromPreparedArtifact = true };
    }

    /// <summary>What a resumed recording carried over and from where (its annotations say), or (0, <c>null</c>).</summary>
    private static (int Carried, string? From) ResumeOf(Experiment experiment) => ResumeOf(experiment.Annotations);

    private static (int Carried, string? From) ResumeOf(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue(AnnotationKeys.ResumedFrom, out var from)
            ? (annotations.TryGetValue(AnnotationKeys.ResumeCarried, out var n) && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0, from)
            : (0, null);

    private TestRunOutcome Checkpointed(TestRunOutcomeKind kind, TestRunSession session, ImageReference name, Descriptor checkpoint, int runs, string? reason, ImageReference? preserved) => new()
    {
        Kind = kind,
        SessionId = session.Id,
        ImageName = session.ImageName,
        ManifestDigest = checkpoint.Digest.ToString(),
        CheckpointName = ImageNames.CheckpointReference(Registry.RegistryId, name).ToString(),
        Alias = PointAlias(name, LatestFailedTag, checkpoint.Digest),
        Runs = runs,
        Reason = reason,
        RegistryRoot = Registry.Root,
        PreservedCheckpoint = preserved?.ToString(),
    };

    /// <summary>
    /// The test host's Run journal: the one whose header names this session (each writer of a name has its own
    /// file), or the older single-writer file. <c>null</c> when the host journalled nothing.
    /// </summary>
    private string? JournalOf(TestRunSession session)
    {
        var name = ImageReference.Parse(session.ImageName);
        return RunJournalFiles.PathsFor(deferred.Root, name).LastOrDefault(p => RunJournalFiles.ReadHeader(p)?.Session == session.Id)
            ?? (File.Exists(RunJournalFiles.PathFor(deferred.Root, name)) ? RunJournalFiles.PathFor(deferred.Root, name) : null);
    }

    /// <summary>
    /// A checkpoint of the name written after the session began: the host's journal turned into a checkpoint
    /// already (a GC or doctor recovered its dead host first). An older one is another run's and is left alone.
    /// </summary>
    private bool CheckpointedSince(ImageReference name, DateTime began) =>
        Registry.FindRef(ImageNames.CheckpointReference(Registry.RegistryId, name)) is { } row
        && RegistryTime.TryParse(row.UpdatedAt, out var updated) && updated >= began;

    /// <summary>Moves <c>&lt;repository&gt;:&lt;tag&gt;</c> to the new result, unless the run's own name is that alias.</summary>
    private string? PointAlias(ImageReference name, string tag, Digest digest) => PointAlias(Registry, name, tag, digest);

    /// <summary>Moves <c>&lt;repository&gt;:&lt;tag&gt;</c> (<see cref="LatestTag"/> or <see cref="LatestFailedTag"/>) to a run's result; also used when the test host finishes the run itself.</summary>
    internal static string? PointAlias(LocalRegistry registry, ImageReference name, string tag, Digest digest)
    {
        var alias = ImageReference.FromRepositoryAndReference(name.RepositoryKey, tag);
        if (alias.Equals(name))
        {
            return null;
        }

        registry.Replace(alias, digest);
        return alias.ToString();
    }

    private ImageReference ExplicitName(TestRunRequest request)
    {
        var name = ParseSetting("OmmxExperimentName", request.ExperimentName!.Trim(), ImageReference.Parse);
        if (name.Digest is not null)
        {
            throw new OmmxException($"OmmxExperimentName {name} names a digest; give a tag (for example {name.RepositoryKey}:v1)");
        }

        if (request.MultiTargeted && request.TargetFramework is { Length: > 0 } tfm)
        {
            name = ImageReference.FromRepositoryAndReference(name.RepositoryKey, name.Reference + "-" + tfm);
        }

        return name;
    }

    private ImageReference FreshName(TestRunRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ExperimentRepository))
        {
            return ImageNames.NewAnonymous(Registry.RegistryId, ImageNames.ExperimentRepository);
        }

        var tag = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        if (request.GitCommit is { Length: >= 7 } commit && commit.All(char.IsAsciiHexDigit))
        {
            tag += "-" + commit[..7].ToLowerInvariant();
        }

        return ParseSetting("OmmxExperimentRepository", request.ExperimentRepository.Trim(), repository => ImageReference.FromRepositoryAndReference(repository, tag));
    }

    /// <summary>Parses a name from an MSBuild setting; an invalid one is an error that names the property and the rule.</summary>
    private static ImageReference ParseSetting(string property, string value, Func<string, ImageReference> parse)
    {
        try
        {
            return parse(value);
        }
        catch (InvalidImageReferenceException e)
        {
            throw new OmmxException(
                $"{property} \"{value}\" is not a valid OCI name ({e.Reason}): path components are lower-case letters and digits "
                + "separated by single '.', '_', '__' or '-', joined by '/', optionally after a registry host (for example example.com/team/solver).",
                e);
        }
    }

    private void EnsureFree(ImageReference name)
    {
        if (Registry.Resolve(name) is { } existing)
        {
            throw new ExperimentNameTakenException(
                $"Experiment name {name} already points to {existing}; OMMX never moves a committed ref. Choose another OmmxExperimentName, "
                + "leave it empty for a fresh name per run, or remove the old one with `ommx rm " + name + "`.");
        }

        foreach (var id in files.SessionIds())
        {
            if (files.ReadSession(id) is { } other && other.ImageName == name.ToString() && other.Owner.IsAlive())
            {
                throw new ExperimentNameTakenException($"Experiment name {name} is being recorded by another test run (session {id}, process {other.Owner.ProcessId}); wait for it or choose another OmmxExperimentName.");
            }
        }
    }
}
