using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Resume;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Tests.Testing.Resume;

/// <summary>
/// A resumed test run driven as the MSBuild step and a test host drive it (<see cref="TestRunSessions"/> around the real
/// <see cref="TestSession"/>), against a real registry: what is carried, what runs, what is refused.
/// </summary>
public sealed class ResumedTestRunTests : IDisposable
{
    private const string Repository = "example.com/team/solver";
    private static readonly TestRunFingerprint Built = new("mvid:11111111-1111-1111-1111-111111111111", "0123456789abcdef0123456789abcdef01234567", null);
    private readonly TempRegistry temp = new();

    private TestRunSessions Sessions => new(temp.Registry);

    /// <summary>A, C pass; B fails; theory T has rows T[0] (passes) and T[1] (fails); S is skipped.</summary>
    private static readonly Case[] FirstRun =
    [
        new("A", TestOutcome.Passed), new("B", TestOutcome.Failed), new("C", TestOutcome.Passed),
        new("T[0]", TestOutcome.Passed), new("T[1]", TestOutcome.Failed), new("S", TestOutcome.Skipped),
    ];

    private static readonly string[] AllTestCases = ["A", "B", "C", "T", "S"];

    [Fact]
    public void ResumeFailedCheckpoint_RunsWhatDidNotPass_CarriesPassedRunsAsStored_CommitsOneExperimentWithCheckpointAsSubject()
    {
        var checkpoint = RecordFailedRun();

        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });
        Assert.NotNull(session.Resume);
        Assert.Contains("resuming", session.ResumeNote, StringComparison.Ordinal);
        using (var host = Host(session.Id))
        {
            var plan = host.Resume!;
            Assert.Equal(["B", "T", "S", "N"], plan.Remaining([.. AllTestCases, "N"]));
            var selection = host.CarryOver(["B", "T", "S", "N"], [.. AllTestCases, "N"]);
            Assert.Equal(["A", "C"], selection.Carried.Select(r => r.Parameters["test.id"].AsString()));
            Assert.Empty(selection.Dropped);
            RunCases(host, new("B", TestOutcome.Passed), new("T[0]", TestOutcome.Passed), new("T[1]", TestOutcome.Passed), new("S", TestOutcome.Skipped), new("N", TestOutcome.Passed));
            Assert.Contains("2 carried, 5 ran", host.Complete().ToString(), StringComparison.Ordinal);
        }

        var outcome = Sessions.Finish(session.Id, testsSucceeded: true);

        Assert.Equal(TestRunOutcomeKind.Committed, outcome.Kind);
        Assert.Contains("(7 runs; resumed " + checkpoint.RequestedImage + ": 2 carried, 5 ran)", outcome.Headline, StringComparison.Ordinal);
        using var committed = Experiment.Load(temp.Registry, session.ImageName);
        using var source = Experiment.Load(temp.Registry, checkpoint.ImageName);
        Assert.Equal(["A", "B", "C", "N", "S", "T[0]", "T[1]"], committed.Runs.Select(TestId).Order(StringComparer.Ordinal));
        Assert.Equal(checkpoint.Manifest.Digest, temp.Registry.ReadManifest(committed.Manifest!.Digest).Manifest.Subject!.Digest);
        Assert.Equal(checkpoint.RequestedImage, committed.Annotations[AnnotationKeys.ResumedFrom]);
        Assert.Equal("2", committed.Annotations[AnnotationKeys.ResumeCarried]);
        Assert.Equal(Built.AssemblyIdentity, committed.Annotations[TestRunFingerprint.AssemblyKey]);
        foreach (var id in new[] { "A", "C" })
        {
            var before = source.Runs.Single(r => TestId(r) == id);
            var after = committed.Runs.Single(r => TestId(r) == id);
            Assert.Equal(StoredForm(source, before), StoredForm(committed, after));
        }

        Assert.DoesNotContain(committed.Runs.Select(r => r.Id), id => source.Runs.Any(s => s.Id == id && !new[] { "A", "C" }.Contains(TestId(s))));
    }

    [Fact]
    public void ResumeWithFilter_FailedCaseOutsideTheFilterIsCarriedAsFailed_RunStaysAFailedCheckpoint()
    {
        RecordFailedRun();

        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });
        using (var host = Host(session.Id))
        {
            // dotnet test --filter B: only B of the remaining cases runs; T stays failed.
            var selection = host.CarryOver(["B"], AllTestCases);
            Assert.Equal(["T[1]"], selection.CarriedFailed.Select(c => c.Key));
            RunCases(host, new Case("B", TestOutcome.Passed));
            host.Complete();
        }

        var outcome = Sessions.Finish(session.Id, testsSucceeded: true);

        Assert.Equal(TestRunOutcomeKind.FailedCheckpoint, outcome.Kind);
        Assert.Contains("T[1] (carried, not run again)", outcome.Reason, StringComparison.Ordinal);
        using var result = Experiment.Load(temp.Registry, outcome.CheckpointName!);
        Assert.Equal(["A", "B", "C", "S", "T[0]", "T[1]"], result.Runs.Select(TestId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ResumeAfterATestCaseWasRemoved_ItsRunsAreDroppedAndRecorded()
    {
        RecordFailedRun();

        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });
        using (var host = Host(session.Id))
        {
            var selection = host.CarryOver(["B", "T", "S"], ["A", "B", "T", "S"]);
            Assert.Equal(["C"], selection.Dropped.Select(d => d.Key));
            RunCases(host, new("B", TestOutcome.Passed), new("T[0]", TestOutcome.Passed), new("T[1]", TestOutcome.Passed), new("S", TestOutcome.Skipped));
            host.Complete();
        }

        Assert.Equal(TestRunOutcomeKind.Committed, Sessions.Finish(session.Id, testsSucceeded: true).Kind);
        using var committed = Experiment.Load(temp.Registry, session.ImageName);
        Assert.DoesNotContain("C", committed.Runs.Select(TestId));
        Assert.Equal("Display C", committed.Annotations[AnnotationKeys.ResumeDropped]);
    }

    [Fact]
    public void ResumeAcrossAChangedTestAssembly_RefusedNamingTheChange_ForcedResumeRecordsIt()
    {
        RecordFailedRun();
        var rebuilt = Built with { AssemblyIdentity = "mvid:22222222-2222-2222-2222-222222222222" };

        var refused = Assert.Throws<ResumeRefusedException>(() => Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = rebuilt }));

        Assert.Equal([FingerprintPart.TestAssembly], refused.Decision.Changes.Select(c => c.Part));
        Assert.Contains("the test assembly (mvid:11111111-1111-1111-1111-111111111111 → mvid:22222222-2222-2222-2222-222222222222)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("-p:OmmxResumeForce=true", refused.Message, StringComparison.Ordinal);

        var forced = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, ResumeForce = true, Fingerprint = rebuilt });
        Assert.Contains("the test assembly", forced.Resume!.ForcedAcross, StringComparison.Ordinal);
        using (var host = Host(forced.Id))
        {
            host.CarryOver(["B", "T", "S"], AllTestCases);
            RunCases(host, new("B", TestOutcome.Passed), new("T[0]", TestOutcome.Passed), new("T[1]", TestOutcome.Passed), new("S", TestOutcome.Skipped));
            host.Complete();
        }

        Assert.Equal(TestRunOutcomeKind.Committed, Sessions.Finish(forced.Id, testsSucceeded: true).Kind);
        using var committed = Experiment.Load(temp.Registry, forced.ImageName);
        Assert.Contains("the test assembly", committed.Annotations[AnnotationKeys.ResumeForced], StringComparison.Ordinal);
        Assert.Equal(rebuilt.AssemblyIdentity, committed.Annotations[TestRunFingerprint.AssemblyKey]);
    }

    [Fact]
    public void ResumeWithChangedGitRevisionOrInputs_RefusedNamingEachChange()
    {
        RecordFailedRun();
        var changed = Built with { GitRevision = "fedcba9876543210fedcba9876543210fedcba98", DeclaredInputs = "sha256:00" };

        var refused = Assert.Throws<ResumeRefusedException>(() => Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = changed }));

        Assert.Equal([FingerprintPart.GitRevision, FingerprintPart.DeclaredInputs], refused.Decision.Changes.Select(c => c.Part));
        Assert.Contains("the declared inputs (OmmxInput) (not recorded → sha256:00)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumeWithNothingFailed_NothingToResume_SessionRunsEverything()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });

        Assert.Null(session.Resume);
        Assert.StartsWith("OMMX: nothing to resume: no failed or interrupted checkpoint of example.com/team/solver recorded by P", session.ResumeNote, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumedCheckpointThatCommitted_IsNotResumedAgain_OtherProjectsCheckpointIsNotTaken()
    {
        RecordFailedRun();
        RecordFailedRun(project: "Other");
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });
        Assert.Equal("P", Experiment.Load(temp.Registry, session.Resume!.ImageName).Annotations[AnnotationKeys.Project]);
        using (var host = Host(session.Id))
        {
            host.CarryOver(["B", "T", "S"], AllTestCases);
            RunCases(host, new("B", TestOutcome.Passed), new("T[0]", TestOutcome.Passed), new("T[1]", TestOutcome.Passed), new("S", TestOutcome.Skipped));
            host.Complete();
        }

        Assert.Equal(TestRunOutcomeKind.Committed, Sessions.Finish(session.Id, testsSucceeded: true).Kind);

        var again = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });
        Assert.Null(again.Resume);
        Assert.Contains("nothing to resume", again.ResumeNote, StringComparison.Ordinal);
    }

    [Fact]
    public void CrashDuringResumedRun_InterruptedCheckpointHoldsCarriedRuns_AndIsResumedNext()
    {
        var first = RecordFailedRun();
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });
        using (var host = Host(session.Id))
        {
            host.CarryOver(["B", "T", "S"], AllTestCases);
            RunCases(host, new Case("B", TestOutcome.Passed));
            host.StartTest(new TestCaseInfo("T", "T", "C", "T"));
            // The host dies here: no Complete(), no report.
        }

        var crashed = Sessions.Finish(session.Id, testsSucceeded: false);
        Assert.Equal(TestRunOutcomeKind.InterruptedCheckpoint, crashed.Kind);
        Assert.Contains("3 runs; resumed " + first.RequestedImage + ": 2 carried, 1 ran", crashed.Headline, StringComparison.Ordinal);
        Assert.Contains("dotnet test -p:OmmxResume=true", string.Join('\n', crashed.Hints), StringComparison.Ordinal);

        var next = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });
        Assert.Equal(crashed.ManifestDigest, next.Resume!.ManifestDigest);
        using var host2 = Host(next.Id);
        Assert.Equal(["T", "S"], host2.Resume!.Remaining(AllTestCases));
        var selection = host2.CarryOver(["T", "S"], AllTestCases);
        Assert.Equal(["A", "B", "C"], selection.Carried.Select(r => r.Parameters["test.id"].AsString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_ByRequestedNameAliasOrDigest_FindsTheCheckpoint_ACommittedNameIsNothingToResume()
    {
        var checkpoint = RecordFailedRun();

        Assert.Equal(checkpoint.Manifest.Digest, ResumePlanner.Load(temp.Registry, checkpoint.RequestedImage).Checkpoint.Manifest.Digest);
        Assert.Equal(checkpoint.Manifest.Digest, ResumePlanner.Load(temp.Registry, Repository + ":latest-failed").Checkpoint.Manifest.Digest);
        Assert.Equal(checkpoint.Manifest.Digest, ResumePlanner.Load(temp.Registry, checkpoint.Manifest.Digest.ToString()).Checkpoint.Manifest.Digest);
        var missing = Assert.Throws<OmmxException>(() => ResumePlanner.Load(temp.Registry, Repository + ":nope"));
        Assert.Contains("ommx checkpoints", missing.Message, StringComparison.Ordinal);

        var ok = Sessions.Begin(new TestRunRequest { ExperimentName = Repository + ":green" });
        using (var host = Host(ok.Id))
        {
            RunCases(host, new Case("A", TestOutcome.Passed));
            host.Complete();
        }

        Sessions.Finish(ok.Id, testsSucceeded: true);
        var committed = Assert.Throws<OmmxException>(() => ResumePlanner.Load(temp.Registry, Repository + ":green"));
        Assert.Contains("nothing to resume", committed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TheoryRowsAndDuplicates_RunUnlessEveryRowPassed()
    {
        RecordFailedRun();
        var plan = ResumePlanner.Load(temp.Registry, Repository + ":latest-failed");

        Assert.False(plan.ShouldRun("A"));
        Assert.True(plan.ShouldRun("T"));
        Assert.True(plan.ShouldRun("T[1]"));
        Assert.False(plan.ShouldRun("T[0]"));
        Assert.True(plan.ShouldRun("S"));
        Assert.True(plan.ShouldRun("never-started"));
        Assert.True(plan.ShouldRun("A["));
    }

    [Fact]
    public void Fingerprint_AssemblyIdentityOfAFile_IsItsMvid_InputsDigestChangesWithContent()
    {
        var path = typeof(ResumedTestRunTests).Assembly.Location;
        Assert.Equal(TestRunFingerprint.AssemblyIdentityOf(typeof(ResumedTestRunTests).Assembly), TestRunFingerprint.AssemblyIdentityOf(path));
        var notAssembly = temp.Scratch.Combine("not.dll");
        File.WriteAllText(notAssembly, "text");
        Assert.Contains("Build the test project", Assert.Throws<OmmxException>(() => TestRunFingerprint.AssemblyIdentityOf(notAssembly)).Message, StringComparison.Ordinal);

        var dir = temp.Scratch.Combine("inputs");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.json"), "1");
        var before = TestRunFingerprint.DeclaredInputsOf(["a.json", "b.json"], dir);
        File.WriteAllText(Path.Combine(dir, "a.json"), "2");
        Assert.NotEqual(before, TestRunFingerprint.DeclaredInputsOf(["a.json", "b.json"], dir));
        Assert.Equal(TestRunFingerprint.DeclaredInputsOf(["b.json", "a.json"], dir), TestRunFingerprint.DeclaredInputsOf([Path.Combine(dir, "a.json"), "b.json"], dir));
        Assert.Null(TestRunFingerprint.DeclaredInputsOf([], dir));
    }

    /// <summary>Records <see cref="FirstRun"/> as a failed run of <paramref name="project"/>; returns its checkpoint.</summary>
    private ResumeCheckpoint RecordFailedRun(string project = "P")
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = project, Fingerprint = Built });
        using (var host = Host(session.Id, project))
        {
            RunCases(host, FirstRun);
            host.Complete();
        }

        var outcome = Sessions.Finish(session.Id, testsSucceeded: false);
        Assert.Equal(TestRunOutcomeKind.FailedCheckpoint, outcome.Kind);
        return ResumePlanner.Load(temp.Registry, outcome.CheckpointName!).Checkpoint;
    }

    private TestSession Host(string sessionId, string project = "P") =>
        TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, SessionId = sessionId, Annotations = new Dictionary<string, string> { [AnnotationKeys.Project] = project } });

    private static void RunCases(TestSession host, params Case[] cases)
    {
        foreach (var (id, outcome) in cases)
        {
            var run = host.StartTest(new TestCaseInfo(id, "Display " + id, "C", id[..1]) { Arguments = id.Length > 1 ? [new("row", id)] : [] });
            run.LogText("notes.txt", "output of " + id);
            host.FinishTest(run, new TestResult(outcome, 0.25, "out " + id)
            {
                ExceptionType = outcome == TestOutcome.Failed ? "Xunit.Sdk.TrueException" : null,
                ExceptionMessage = "boom",
                SkipReason = outcome == TestOutcome.Skipped ? "later" : null,
            });
        }
    }

    private static string TestId(RunView run) => run.Parameters["test.id"].AsString();

    /// <summary>Everything a Run stores: id, status, reason, every parameter, and every attachment's descriptor and bytes.</summary>
    private static string StoredForm(Experiment experiment, RunView run)
    {
        var text = new StringBuilder().Append(run.Id).Append('|').Append(run.Status).Append('|').Append(run.LifecycleReason).Append('\n');
        foreach (var (name, value) in experiment.RunParameters.ForRun(run.Id).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(value.Kind).Append(':').Append(value).Append('\n');
        }

        foreach (var name in run.AttachmentNames)
        {
            var attachment = run.Attachment(name);
            text.Append(name).Append(' ').Append(attachment.Stored.Digest).Append(' ').Append(attachment.Stored.Size).Append(' ').Append(attachment.MediaType).Append(' ')
                .Append(Convert.ToHexString(run.GetAttachmentBytes(name))).Append('\n');
        }

        return text.ToString();
    }

    private sealed record Case(string Id, TestOutcome Outcome);

    public void Dispose() => temp.Dispose();
}
