using System.Diagnostics;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
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
    public void OwnerProcess_ExitedProcess_NotAliveAndCurrentIsAlive()
    {
        Assert.False(DeadProcess().IsAlive());
        Assert.True(OwnerProcess.Current().IsAlive());
        Assert.False((OwnerProcess.Current() with { StartToken = "proc-ticks:1" }).IsAlive());
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
