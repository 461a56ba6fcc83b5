using System.Diagnostics;
using Ommx.Integration.Doctor;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Sessions;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Testing.Sessions;

/// <summary>
/// The build side of a recorded test run, driven the way the MSBuild tasks drive it, with the real test
/// host code (<see cref="TestSession"/>) recording into the same registry in between.
/// </summary>
public sealed class TestRunSessionsTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private TestRunSessions Sessions => new(temp.Registry);

    [Fact]
    public void Finish_HostReportedAllPassed_CommitsUnderSessionNameAndMovesLatest()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/solver", Project = "P", TargetFramework = "net10.0" });
        RunHost(session.Id, ("A", TestOutcome.Passed), ("B", TestOutcome.Skipped));

        var outcome = Sessions.Finish(session.Id, testsSucceeded: true);

        Assert.Equal(TestRunOutcomeKind.Committed, outcome.Kind);
        Assert.Equal(2, outcome.Runs);
        Assert.StartsWith("OMMX: committed example.com/team/solver:", outcome.Headline, StringComparison.Ordinal);
        using var loaded = Experiment.Load(temp.Registry, session.ImageName);
        Assert.Equal(ExperimentStatus.Finished, loaded.Status);
        Assert.Equal(loaded.Manifest!.Digest, temp.Registry.Resolve(ImageReference.Parse("example.com/team/solver:latest")));
        Assert.Equal("example.com/team/solver:latest", outcome.Alias);
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Root, ".ommx-integration", "sessions")));
    }

    [Theory]
    [InlineData("example.com/Bad_Name_", null, "OmmxExperimentRepository")]
    [InlineData("example.com/über.tests", null, "OmmxExperimentRepository")]
    [InlineData(null, "example.com/Team/solver:v1", "OmmxExperimentName")]
    public void Begin_InvalidNameSetting_ErrorNamesThePropertyAndTheRule(string? repository, string? name, string property)
    {
        var error = Assert.Throws<OmmxException>(() => Sessions.Begin(new TestRunRequest { ExperimentRepository = repository, ExperimentName = name }));

        Assert.StartsWith(property + " \"", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower-case letters and digits", error.Message, StringComparison.Ordinal);
        var sessions = Path.Combine(temp.Root, ".ommx-integration", "sessions");
        Assert.False(Directory.Exists(sessions) && Directory.GetFiles(sessions).Length > 0, "no session is left behind");
    }

    [Fact]
    public void Finish_HostReportedFailure_FailedCheckpointNameNotAdvancedLatestFailedMoved()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/solver" });
        RunHost(session.Id, ("A", TestOutcome.Passed), ("Broken", TestOutcome.Failed));

        var outcome = Sessions.Finish(session.Id, testsSucceeded: false);

        Assert.Equal(TestRunOutcomeKind.FailedCheckpoint, outcome.Kind);
        Assert.Null(temp.Registry.Resolve(ImageReference.Parse(session.ImageName)));
        Assert.Contains("Broken", outcome.Reason, StringComparison.Ordinal);
        var checkpoint = temp.Registry.Resolve(ImageReference.Parse(outcome.CheckpointName!));
        Assert.Equal(checkpoint, temp.Registry.Resolve(ImageReference.Parse("example.com/team/solver:latest-failed")));
        Assert.Equal(checkpoint!.ToString(), outcome.ManifestDigest);
        using var restored = Experiment.RestoreFromCheckpoint(temp.Registry, session.ImageName);
        Assert.Equal(2, restored.ClosedRunCount);
    }

    [Fact]
    public void Finish_NoHostReport_InterruptedCheckpointNamingTheRunningTest()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/solver" });
        using (var host = TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, SessionId = session.Id }))
        {
            var first = host.StartTest(new TestCaseInfo("1", "First", "C", "First"));
            host.FinishTest(first, new TestResult(TestOutcome.Passed, 0.1, ""));
            host.StartTest(new TestCaseInfo("2", "Crasher", "C", "Crasher"));
            // The host dies here: no Complete(), no report.
        }

        var outcome = Sessions.Finish(session.Id, testsSucceeded: false);

        Assert.Equal(TestRunOutcomeKind.InterruptedCheckpoint, outcome.Kind);
        Assert.Equal(1, outcome.Runs);
        Assert.Contains("while running Crasher", outcome.Reason, StringComparison.Ordinal);
        using var loaded = Experiment.Load(temp.Registry, outcome.CheckpointName!);
        Assert.Equal(ExperimentStatus.Interrupted, loaded.Status);
    }

    [Fact]
    public void Finish_HostReportedNothingAndNoJournal_NothingRecordedAndNoRefs()
    {
        var session = Sessions.Begin(new TestRunRequest());
        var refsBefore = temp.Registry.ListRefs().Count;

        var outcome = Sessions.Finish(session.Id, testsSucceeded: false);

        Assert.Equal(TestRunOutcomeKind.NothingRecorded, outcome.Kind);
        Assert.Equal(refsBefore, temp.Registry.ListRefs().Count);
    }

    [Fact]
    public void Begin_ExplicitNameAlreadyCommitted_RefusedNamingTheDigest()
    {
        var existing = temp.Commit("example.com/team/solver:v1", [1, 2, 3]);

        var e = Assert.Throws<ExperimentNameTakenException>(() => Sessions.Begin(new TestRunRequest { ExperimentName = "example.com/team/solver:v1" }));

        Assert.Contains(existing.Digest.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("never moves", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Begin_ExplicitNameInUseByLiveSession_Refused()
    {
        Sessions.Begin(new TestRunRequest { ExperimentName = "example.com/team/solver:v2" });

        Assert.Throws<ExperimentNameTakenException>(() => Sessions.Begin(new TestRunRequest { ExperimentName = "example.com/team/solver:v2" }));
    }

    [Fact]
    public void Begin_ExplicitNameMultiTargeted_TagGetsFrameworkSuffix()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentName = "example.com/team/solver:v3", MultiTargeted = true, TargetFramework = "net9.0" });

        Assert.Equal("example.com/team/solver:v3-net9.0", session.ImageName);
    }

    [Fact]
    public void Begin_FreshNameWithCommit_TagIsUtcTimeRandomAndShortCommit()
    {
        var a = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/r", GitCommit = "0123456789abcdef0123456789abcdef01234567" });
        var b = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/r", GitCommit = "fatal: not a git repository" });

        Assert.Matches(@"^example\.com/r:\d{8}T\d{6}Z-[0-9a-f]{8}-0123456$", a.ImageName);
        Assert.Matches(@"^example\.com/r:\d{8}T\d{6}Z-[0-9a-f]{8}$", b.ImageName);
    }

    [Fact]
    public void Begin_NoNameOrRepository_AnonymousExperimentName()
    {
        var session = Sessions.Begin(new TestRunRequest());

        var name = ImageReference.Parse(session.ImageName);
        Assert.True(ImageNames.IsAnonymousRepositoryKey(name.RepositoryKey, includeExperiments: true));
        Assert.True(ImageNames.IsAnonymousTag(name.Tag!));
    }

    [Fact]
    public void RecoverStale_OwnerProcessGone_InterruptedCheckpointWithEveryClosedRun()
    {
        var dead = DeadProcess();
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/solver", Project = "P", TargetFramework = "net10.0" }, dead);
        RunHost(session.Id, ("A", TestOutcome.Passed), ("B", TestOutcome.Passed));
        var live = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/other" });

        var recovered = Sessions.RecoverStale();

        var outcome = Assert.Single(recovered);
        Assert.Equal(session.Id, outcome.SessionId);
        Assert.Equal(TestRunOutcomeKind.InterruptedCheckpoint, outcome.Kind);
        Assert.Equal(2, outcome.Runs);
        Assert.Contains("stopped before its commit step", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(live.ImageName, Sessions.Get(live.Id).ImageName);
        Assert.Throws<OmmxException>(() => Sessions.Get(session.Id));
    }

    [Fact]
    public void Begin_RegistryOpenedOnFirstUse_FreshNameAndNothingStale_IndexNeverOpened()
    {
        var live = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/other" });
        using var registry = new DeferredRegistry(temp.Root);
        var sessions = new TestRunSessions(registry);

        Assert.Empty(sessions.RecoverStale());
        var session = sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/solver", Project = "P", TargetFramework = "net10.0" });

        Assert.False(registry.IsOpen);
        Assert.StartsWith("example.com/team/solver:", session.ImageName, StringComparison.Ordinal);
        Assert.Equal(session.ImageName, Sessions.Get(session.Id).ImageName);
        Assert.Equal(live.ImageName, Sessions.Get(live.Id).ImageName);
    }

    [Fact]
    public void RecoverStale_RegistryOpenedOnFirstUse_StaleSessionStillSettledAsInterruptedCheckpoint()
    {
        var stale = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/solver", Project = "P", TargetFramework = "net10.0" }, DeadProcess());
        RunHost(stale.Id, ("A", TestOutcome.Passed), ("B", TestOutcome.Passed));
        using var registry = new DeferredRegistry(temp.Root);
        var sessions = new TestRunSessions(registry);

        var outcome = Assert.Single(sessions.RecoverStale());
        var next = sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/solver" });

        Assert.True(registry.IsOpen);
        Assert.Equal(TestRunOutcomeKind.InterruptedCheckpoint, outcome.Kind);
        Assert.Equal(2, outcome.Runs);
        Assert.Equal(outcome.ManifestDigest, temp.Registry.Resolve(ImageReference.Parse(outcome.CheckpointName!))?.ToString());
        Assert.Throws<OmmxException>(() => Sessions.Get(stale.Id));
        Assert.Equal(next.ImageName, Sessions.Get(next.Id).ImageName);
    }

    [Fact]
    public void RegistryOpenedOnFirstUse_RootThatIsNotALocalRegistry_RefusedAtOnceAsByOpen()
    {
        var layout = Path.Combine(temp.Root, "..", "layout-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(layout);
        File.WriteAllText(Path.Combine(layout, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        try
        {
            Assert.Throws<Ommx.Integration.Registry.NotALocalRegistryException>(() => new DeferredRegistry(layout));
        }
        finally
        {
            Directory.Delete(layout, recursive: true);
        }
    }

    [Fact]
    public void RecoverStale_CheckpointIsNotAnExperiment_ReportedNotThrownAndFilesKept()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/broken" }, DeadProcess());
        var name = ImageReference.Parse(session.ImageName);
        temp.Commit(ImageNames.CheckpointReference(temp.Registry.RegistryId, name).ToString(), [1, 2, 3]);

        var outcome = Assert.Single(Sessions.RecoverStale());

        Assert.Equal(TestRunOutcomeKind.NothingRecorded, outcome.Kind);
        Assert.Contains("could not be recovered", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(session.ImageName, Sessions.Get(session.Id).ImageName);
    }

    [Fact]
    public void RecoverStale_CommitStepThrew_ReportedOnceDoctorReportsItAndFixSalvagesTheReadableRuns()
    {
        // The issue's case: a Run journal whose parameter types no table can hold, so the commit step throws.
        var session = Sessions.Begin(new TestRunRequest { ExperimentName = "example.com/team/mixed:v1", Project = "P" }, DeadProcess());
        RunHost(session.Id, ("A", TestOutcome.Passed), ("B", TestOutcome.Passed));
        AppendMixedTypeRun(session.ImageName);
        Assert.ThrowsAny<OmmxException>(() => Sessions.Finish(session.Id, testsSucceeded: true));

        var first = Assert.Single(Sessions.RecoverStale());
        Assert.Equal(TestRunOutcomeKind.NothingRecorded, first.Kind);
        Assert.Contains("ommx doctor --fix", first.Reason, StringComparison.Ordinal);
        Assert.Empty(Sessions.RecoverStale());
        Assert.Empty(Sessions.RecoverStale());

        var report = Doctor(fix: false);
        Assert.False(report.Healthy);
        var problem = Assert.Single(report.Problems, p => p.Kind == DoctorProblemKind.UnfinishedSession);
        Assert.Equal(session.Id, problem.Subject);
        Assert.Contains("mixed column types", problem.Message, StringComparison.Ordinal);

        var fixReport = Doctor(fix: true);
        var repaired = Assert.Single(fixReport.Problems, p => p.Kind == DoctorProblemKind.UnfinishedSession);
        Assert.True(repaired.Fixed, repaired.ToString());
        Assert.Contains("interrupted checkpoint with the 3 readable Run(s)", repaired.FixNote, StringComparison.Ordinal);
        Assert.True(fixReport.Healthy);
        using var checkpoint = Experiment.Load(temp.Registry, ImageNames.CheckpointReference(temp.Registry.RegistryId, ImageReference.Parse(session.ImageName)).ToString());
        Assert.Equal(ExperimentStatus.Interrupted, checkpoint.Status);
        Assert.Equal(3, checkpoint.Runs.Count);
        Assert.Equal(["A", "B"], checkpoint.Runs.Take(2).Select(r => r.Parameters["test.id"].AsString()));
        Assert.False(checkpoint.Runs[2].Parameters.ContainsKey("test.id"));
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Root, ".ommx-integration", "sessions")));
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Root, ".ommx-integration", "journals")));
        Assert.True(Doctor(fix: false).Healthy);
    }

    [Fact]
    public void Doctor_UnfinishedSessionWithNothingReadable_FixRemovesItAndSaysWhatWasRemoved()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentName = "example.com/team/garbage:v1" }, DeadProcess());
        var journal = Ommx.Integration.Experiments.Format.RunJournalFiles.PathFor(temp.Root, ImageReference.Parse(session.ImageName));
        Directory.CreateDirectory(Path.GetDirectoryName(journal)!);
        File.WriteAllText(journal, "{\"journal\":1,\"requested\":\"" + session.ImageName + "\"}\nnot a record\n{\"also\":\"not\"}\n");
        Assert.Single(Sessions.RecoverStale());

        var report = Doctor(fix: true);

        var repaired = Assert.Single(report.Problems, p => p.Kind == DoctorProblemKind.UnfinishedSession);
        Assert.True(repaired.Fixed, repaired.ToString());
        var note = repaired.FixNote!;
        Assert.Contains("nothing could be saved; removed", note, StringComparison.Ordinal);
        Assert.Contains(journal, note, StringComparison.Ordinal);
        Assert.Contains(session.Id + ".json", note, StringComparison.Ordinal);
        Assert.True(report.Healthy);
        Assert.False(File.Exists(journal));
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Root, ".ommx-integration", "sessions")));
        Assert.Null(temp.Registry.Resolve(ImageNames.CheckpointReference(temp.Registry.RegistryId, ImageReference.Parse(session.ImageName))));
    }

    [Fact]
    public void Finish_HostKilled_InterruptedCheckpointReleasesTheDeadHostsLeaseAndDoctorIsHealthy()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/killed" });
        using (var host = WorkerProcess.Start("test-host-hold", temp.Root, session.Id, "2"))
        {
            host.WaitForLines(1, TimeSpan.FromSeconds(60));
            Assert.True(host.Lines.Contains("holding"), host.Errors);
            host.Kill();
        }

        Assert.Contains(temp.Registry.ListLeases(), l => l.Subject == session.ImageName && l.IsExpired);

        var outcome = Sessions.Finish(session.Id, testsSucceeded: false);

        Assert.Equal(TestRunOutcomeKind.InterruptedCheckpoint, outcome.Kind);
        Assert.Equal(2, outcome.Runs);
        Assert.Contains("Crasher", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(temp.Registry.ListLeases(), l => l.Subject == session.ImageName);
        var report = Doctor(fix: false);
        Assert.True(report.Healthy, string.Join("\n", report.Problems));
    }

    [Fact]
    public void DoctorHint_ExpiredLeaseWhoseRecordingIsCheckpointedAlready_DoesNotPromiseACheckpoint()
    {
        const string name = "example.com/team/hinted:v1";
        using (var writer = WorkerProcess.Start("experiment-hold", temp.Root, name, "1"))
        {
            writer.WaitForLines(1, TimeSpan.FromSeconds(60));
            writer.Kill();
        }

        using (var restored = Experiment.RestoreFromCheckpoint(temp.Registry, name))
        {
            restored.CommitInterruptedCheckpoint("saved by hand");
        }

        var lease = Assert.Single(Doctor(fix: false).Problems, p => p.Kind == DoctorProblemKind.ExpiredLease);
        var hint = lease.Hint!;
        Assert.DoesNotContain("into an interrupted checkpoint", hint, StringComparison.Ordinal);
        Assert.Contains("saved already as a interrupted checkpoint", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Hints_FailedCheckpoint_AreCommandsAndCodeThatRunAsPrinted()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/hints" });
        RunHost(session.Id, ("Broken", TestOutcome.Failed));

        var hints = Sessions.Finish(session.Id, testsSucceeded: false).Hints;

        Assert.Contains($"  inspect: ommx inspect example.com/team/hints:latest-failed --root {temp.Root}", hints);
        Assert.Contains($"  list:    ommx checkpoints example.com/team/hints --root {temp.Root}", hints);
        var restore = Assert.Single(hints, h => h.StartsWith("  restore: ", StringComparison.Ordinal));
        // The code defines the registry it uses, on the run's own root, and restores the run's own name.
        Assert.Equal(
            $"  restore: using var registry = Ommx.Integration.Registry.LocalRegistry.Open(@\"{temp.Root}\"); using var experiment = Ommx.Integration.Experiments.Experiment.RestoreFromCheckpoint(registry, \"{session.ImageName}\");".Replace("\"" + session.ImageName, "@\"" + session.ImageName, StringComparison.Ordinal),
            restore);
        using var registry = Ommx.Integration.Registry.LocalRegistry.Open(temp.Root);
        using var restored = Experiment.RestoreFromCheckpoint(registry, session.ImageName);
        Assert.Equal(1, restored.ClosedRunCount);
    }

    [Fact]
    public void Finish_NoTestRanAndTestCommandSucceeded_SaysNoTestRanNotThatTheHostCrashed()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/filtered" });

        var outcome = Sessions.Finish(session.Id, testsSucceeded: true);

        Assert.Equal(TestRunOutcomeKind.NothingRecorded, outcome.Kind);
        Assert.DoesNotContain("without reaching the end", outcome.Headline, StringComparison.Ordinal);
        Assert.Contains("no test ran (a --filter that matches no test", outcome.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_HostCrashedMidTest_InterruptedCheckpointKeepsTheAnnotationsAFailedOneKeeps()
    {
        var annotations = new Dictionary<string, string> { ["com.example.team"] = "solvers" };
        var crashed = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/annotated" });
        using (var host = TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, SessionId = crashed.Id, Annotations = annotations }))
        {
            var first = host.StartTest(new TestCaseInfo("1", "First", "C", "First"));
            host.FinishTest(first, new TestResult(TestOutcome.Passed, 0.1, ""));
            host.StartTest(new TestCaseInfo("2", "Crasher", "C", "Crasher"));
        }

        var failed = Sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/team/annotated" });
        using (var host = TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, SessionId = failed.Id, Annotations = annotations }))
        {
            var run = host.StartTest(new TestCaseInfo("1", "Broken", "C", "Broken"));
            host.FinishTest(run, new TestResult(TestOutcome.Failed, 0.1, ""));
            host.Complete();
        }

        var interrupted = Sessions.Finish(crashed.Id, testsSucceeded: false);
        var failure = Sessions.Finish(failed.Id, testsSucceeded: false);

        Assert.Equal((TestRunOutcomeKind.InterruptedCheckpoint, TestRunOutcomeKind.FailedCheckpoint), (interrupted.Kind, failure.Kind));
        using var interruptedCheckpoint = Experiment.Load(temp.Registry, interrupted.CheckpointName!);
        using var failedCheckpoint = Experiment.Load(temp.Registry, failure.CheckpointName!);
        Assert.Equal("solvers", failedCheckpoint.Annotations["com.example.team"]);
        Assert.Equal("solvers", interruptedCheckpoint.Annotations["com.example.team"]);
    }

    [Fact]
    public void Begin_RerunOfAFailedExplicitName_FailedCheckpointIsKeptAndSaidSoNotSilentlyReplaced()
    {
        const string name = "example.com/team/rerun:v1";
        var first = Sessions.Begin(new TestRunRequest { ExperimentName = name });
        RunHost(first.Id, ("A", TestOutcome.Failed));
        var firstOutcome = Sessions.Finish(first.Id, testsSucceeded: false);

        var second = Sessions.Begin(new TestRunRequest { ExperimentName = name });
        RunHost(second.Id, ("A", TestOutcome.Failed), ("B", TestOutcome.Passed));
        var secondOutcome = Sessions.Finish(second.Id, testsSucceeded: false);

        Assert.NotNull(secondOutcome.PreservedCheckpoint);
        Assert.Contains(secondOutcome.Hints, h => h.Contains(secondOutcome.PreservedCheckpoint!, StringComparison.Ordinal));
        using (var kept = Experiment.Load(temp.Registry, secondOutcome.PreservedCheckpoint!))
        {
            Assert.Equal(firstOutcome.ManifestDigest, kept.Manifest!.Digest.ToString());
            Assert.Single(kept.Runs);
        }

        var third = Sessions.Begin(new TestRunRequest { ExperimentName = name });
        RunHost(third.Id, ("A", TestOutcome.Passed));
        Assert.Equal(TestRunOutcomeKind.Committed, Sessions.Finish(third.Id, testsSucceeded: true).Kind);

        // The commit of a new run does not remove the checkpoint the earlier run left: it stays listed.
        var listed = Assert.Single(ExperimentCatalog.ListCheckpoints(temp.Registry, "example.com/team/rerun").Checkpoints);
        Assert.Equal(secondOutcome.ManifestDigest, listed.ManifestDigest.ToString());
    }

    [Fact]
    public void HostFinishesItself_CommitOrFailedCheckpoint_MovesTheAliasesAsTheBuildStepDoesAndSaysSo()
    {
        TestSessionSummary Record(TestOutcome outcome)
        {
            using var host = TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, ExperimentRepository = "example.com/team/inhost", FinishInHost = true });
            var run = host.StartTest(new TestCaseInfo("A", "A", "C", "A"));
            host.FinishTest(run, new TestResult(outcome, 0.01, ""));
            return host.Complete();
        }

        var committed = Record(TestOutcome.Passed);
        var failed = Record(TestOutcome.Failed);

        Assert.Equal("example.com/team/inhost:latest", committed.Alias);
        Assert.Equal(committed.ManifestDigest, temp.Registry.Resolve(ImageReference.Parse("example.com/team/inhost:latest"))!.ToString());
        Assert.Contains("example.com/team/inhost:latest points to it", committed.ToString(), StringComparison.Ordinal);
        Assert.Equal("example.com/team/inhost:latest-failed", failed.Alias);
        Assert.Equal(failed.ManifestDigest, temp.Registry.Resolve(ImageReference.Parse("example.com/team/inhost:latest-failed"))!.ToString());
    }

    [Fact]
    public void OwnerProcess_ExitedProcess_NotAliveAndCurrentIsAlive()
    {
        Assert.False(DeadProcess().IsAlive());
        Assert.True(OwnerProcess.Current().IsAlive());
        Assert.False((OwnerProcess.Current() with { StartToken = "proc-ticks:1" }).IsAlive());
    }

    /// <summary>The registry's doctor, as <c>ommx doctor --quick [--fix]</c> runs it.</summary>
    private DoctorReport Doctor(bool fix)
    {
        using var registry = RegistryDoctor.Open(temp.Root, fix);
        return RegistryDoctor.Run(registry, new DoctorOptions { Fix = fix, Quick = true });
    }

    /// <summary>
    /// Appends to the session's journal a Run whose <c>test.id</c> is an integer: a journal line of another recording
    /// (ids 0..2 there), spliced in the way a recorder that accepted mixed types at the call would have written it.
    /// </summary>
    private void AppendMixedTypeRun(string imageName)
    {
        const string other = "example.com/team/donor:v1";
        using (var donor = Experiment.Create(temp.Registry, other))
        {
            donor.AutosavePolicy = AutosavePolicy.Disabled();
            for (var i = 0; i < 3; i++)
            {
                donor.Run(run => run.LogParameter("test.id", 42L));
            }
        }

        var donorJournal = Assert.Single(Ommx.Integration.Experiments.Format.RunJournalFiles.PathsFor(temp.Root, ImageReference.Parse(other)));
        var lastLine = File.ReadAllLines(donorJournal)[^1];
        File.AppendAllText(Assert.Single(Ommx.Integration.Experiments.Format.RunJournalFiles.PathsFor(temp.Root, ImageReference.Parse(imageName))), lastLine + "\n");
        File.Delete(donorJournal);
    }

    private void RunHost(string sessionId, params (string Name, TestOutcome Outcome)[] tests)
    {
        using var host = TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, SessionId = sessionId, FinishInHost = true });
        foreach (var (name, outcome) in tests)
        {
            var run = host.StartTest(new TestCaseInfo(name, name, "C", name));
            host.FinishTest(run, new TestResult(outcome, 0.01, "") { ExceptionType = outcome == TestOutcome.Failed ? "Xunit.Sdk.TrueException" : null, ExceptionMessage = "boom" });
        }

        var summary = host.Complete();
        Assert.Null(summary.Status);
    }

    private static OwnerProcess DeadProcess()
    {
        using var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var token = Ommx.Integration.Registry.Leases.ProcessIdentity.StartToken(process.Id)!;
        process.Kill();
        process.WaitForExit();
        return new OwnerProcess(Environment.MachineName, process.Id, token);
    }

    public void Dispose() => temp.Dispose();
}
