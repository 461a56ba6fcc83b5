using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Oci;
using Ommx.Integration.Testing;

namespace Ommx.Integration.MSBuild.Tests.Tasks;

/// <summary>The begin and finish tasks run directly, with the real test-host code recording in between.</summary>
public sealed class TestRunTasksTests : IDisposable
{
    private readonly TempRegistry temp = new();
    private readonly RecordingBuildEngine engine = new();

    [Fact]
    public void BeginThenFinish_AllPassed_PrintsCommittedLineAndOutputsDigest()
    {
        var begin = Begin(experimentRepository: "example.com/team/tasks");
        Assert.True(begin.Execute());
        Assert.Equal(temp.Root, begin.RegistryRoot);
        RunHost(begin.SessionId!, TestOutcome.Passed);

        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = begin.RegistryRoot, SessionId = begin.SessionId!, TestsSucceeded = true };
        Assert.True(finish.Execute());

        Assert.Equal("Committed", finish.Outcome);
        Assert.Contains($"OMMX: committed {begin.ImageName} (1 runs) {finish.ManifestDigest}", engine.HighImportanceLines);
        Assert.Equal(finish.ManifestDigest, temp.Registry.Resolve(ImageReference.Parse(begin.ImageName!))?.ToString());
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Begin_FreshNameFirstRunInANewRoot_NoIndexCreatedUntilTheHostRecordsAndTheRunCommits()
    {
        using var directory = new TempDirectory();
        var root = directory.Combine("registry");
        var begin = new OmmxBeginTestRun { BuildEngine = engine, LocalRegistryRoot = root, ExperimentRepository = "example.com/team/tasks", ProjectName = "Tasks.Tests", TargetFramework = "net10.0" };

        Assert.True(begin.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));

        // Nothing stale and a fresh name: the build step wrote its session file and opened no SQLite database.
        Assert.False(File.Exists(Path.Combine(root, Ommx.Integration.Registry.RegistryIndex.FileName)));
        using (var host = TestSession.Start(new TestSessionSettings { RegistryRoot = root, SessionId = begin.SessionId }))
        {
            host.FinishTest(host.StartTest(new TestCaseInfo("t", "T.Case", "T", "Case")), new TestResult(TestOutcome.Passed, 0.01, ""));
            host.Complete();
        }

        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = begin.RegistryRoot, SessionId = begin.SessionId!, TestsSucceeded = true };
        Assert.True(finish.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));
        Assert.Equal("Committed", finish.Outcome);
    }

    /// <summary>
    /// The test host of a build session records without the index: it journals the Runs and stores output blobs under its
    /// lease; the build step after the tests opens the index and publishes. While the host runs, an index it had opened
    /// would show as <c>index.sqlite3-wal</c> (WAL mode; removed when the last connection closes). A host that records
    /// nothing in a new root creates no index; one that stores a blob in a new root creates it first (blobs without an
    /// index are refused as not a Local Registry). Fails when <c>TestSession.Start</c> opens the index at once (it did:
    /// SQLite's schema check and 3 fsyncs before the first test).
    /// </summary>
    [Theory]
    [InlineData(0, false)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public void Host_InABuildSession_OpensTheIndexOnlyWhenItMust_TheStepAfterTheTestsPublishes(int tests, bool indexExists)
    {
        using var directory = new TempDirectory();
        var root = directory.Combine("registry");
        var index = Path.Combine(root, Ommx.Integration.Registry.RegistryIndex.FileName);
        if (indexExists)
        {
            Ommx.Integration.Registry.LocalRegistry.Open(root).Dispose();
            Assert.True(File.Exists(index));
        }

        var begin = new OmmxBeginTestRun { BuildEngine = engine, LocalRegistryRoot = root, ExperimentRepository = "example.com/team/tasks", ProjectName = "Tasks.Tests", TargetFramework = "net10.0" };
        Assert.True(begin.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));

        using (var host = TestSession.Start(new TestSessionSettings { RegistryRoot = root, SessionId = begin.SessionId }))
        {
            for (var i = 0; i < tests; i++)
            {
                var run = host.StartTest(new TestCaseInfo($"t{i}", $"T.Case{i}", "T", $"Case{i}"));
                host.FinishTest(run, new TestResult(TestOutcome.Passed, 0.01, $"output of case {i}"));
            }

            if (indexExists)
            {
                Assert.False(File.Exists(index + "-wal"), "the test host opened the index");
            }

            host.Complete();
        }

        Assert.Equal(indexExists || tests > 0, File.Exists(index));
        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = begin.RegistryRoot, SessionId = begin.SessionId!, TestsSucceeded = true };
        Assert.True(finish.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));
        if (tests > 0)
        {
            Assert.Equal("Committed", finish.Outcome);
            Assert.Contains(engine.Messages, m => m.Importance == Microsoft.Build.Framework.MessageImportance.Low && (m.Message ?? string.Empty).Contains("the artifact the test host prepared", StringComparison.Ordinal));
            using var registry = Ommx.Integration.Registry.LocalRegistry.Open(root);
            using var experiment = Ommx.Integration.Experiments.Experiment.Load(registry, begin.ImageName!);
            Assert.Equal(tests, experiment.Runs.Count);
        }
    }

    [Fact]
    public void Finish_HostSawNoFailureButDotnetTestFailed_RebuiltFromTheJournalNotThePreparedCommit()
    {
        var begin = Begin(experimentRepository: "example.com/team/tasks");
        Assert.True(begin.Execute());
        RunHost(begin.SessionId!, TestOutcome.Passed);

        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, SessionId = begin.SessionId!, TestsSucceeded = false };
        Assert.True(finish.Execute());

        Assert.Equal("FailedCheckpoint", finish.Outcome);
        Assert.Contains(engine.Messages, m => m.Importance == Microsoft.Build.Framework.MessageImportance.Low && (m.Message ?? string.Empty).Contains("from the test host's journal", StringComparison.Ordinal));
        Assert.DoesNotContain(engine.Messages, m => (m.Message ?? string.Empty).Contains("the artifact the test host prepared", StringComparison.Ordinal));
    }

    [Fact]
    public void Finish_TestsFailed_FailedCheckpointAsWarningOMMX1020AndTaskSucceeds()
    {
        var begin = Begin(experimentRepository: "example.com/team/tasks");
        Assert.True(begin.Execute());
        RunHost(begin.SessionId!, TestOutcome.Failed);

        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, SessionId = begin.SessionId!, TestsSucceeded = false };
        Assert.True(finish.Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("OMMX1020", warning.Code);
        Assert.Contains("failed checkpoint", warning.Message, StringComparison.Ordinal);
        Assert.Contains(engine.HighImportanceLines, l => l.Contains("inspect: ommx inspect example.com/team/tasks:latest-failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Begin_ExplicitNameTaken_ErrorOMMX1002AndNoSession()
    {
        temp.Commit("example.com/team/tasks:v1", [1]);
        var begin = Begin(experimentName: "example.com/team/tasks:v1");

        Assert.False(begin.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1002", error.Code);
        Assert.Null(begin.SessionId);
    }

    [Fact]
    public void Begin_RootWithSemicolon_ErrorOMMX1003()
    {
        var begin = Begin();
        begin.LocalRegistryRoot = temp.Scratch.Combine("a;b");

        Assert.False(begin.Execute());

        Assert.Equal("OMMX1003", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Finish_UnknownSession_ErrorOMMX1010NamingTheCause()
    {
        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, SessionId = "0123456789abcdef", TestsSucceeded = true };

        Assert.False(finish.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1010", error.Code);
        Assert.Contains("No test session 0123456789abcdef", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_NameTakenWhileTestsRan_ErrorOMMX1010AndRunsStayRecoverable()
    {
        var begin = Begin(experimentName: "example.com/team/tasks:race");
        Assert.True(begin.Execute());
        RunHost(begin.SessionId!, TestOutcome.Passed);
        var other = temp.Commit("example.com/team/tasks:race", [7]);

        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, SessionId = begin.SessionId!, TestsSucceeded = true };
        Assert.False(finish.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1010", error.Code);
        Assert.Contains($"already points to {other.Digest}", error.Message, StringComparison.Ordinal);
        Assert.Equal(other.Digest, temp.Registry.Resolve(ImageReference.Parse("example.com/team/tasks:race")));
        using var restored = Experiment.RestoreFromCheckpoint(temp.Registry, "example.com/team/tasks:race");
        Assert.Equal(1, restored.ClosedRunCount);
    }

    [Fact]
    [Trait("Category", "RealRegistry")]
    public void Finish_PushAfterCommit_CommittedExperimentPulledBackFromRealRegistry()
    {
        using var remote = new DistributionRegistry();
        var name = $"{remote.Host}/team/pushed:v1";
        var begin = Begin(experimentName: name);
        Assert.True(begin.Execute());
        RunHost(begin.SessionId!, TestOutcome.Passed);

        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, SessionId = begin.SessionId!, TestsSucceeded = true, PushAfterCommit = true };
        Assert.True(finish.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));

        Assert.Contains(engine.HighImportanceLines, l => l.StartsWith($"OMMX: Pushed {name}", StringComparison.Ordinal));
        using var elsewhere = new TempRegistry();
        var pulled = elsewhere.Registry.Pull(ImageReference.Parse(name), remote.Options());
        Assert.Equal(finish.ManifestDigest, pulled.ManifestDigest.ToString());
    }

    [Fact]
    public void Finish_PushAfterCommitRegistryDown_ErrorOMMX1030AndStaysCommittedLocally()
    {
        var begin = Begin(experimentName: "127.0.0.1:9/team/unreachable:v1");
        Assert.True(begin.Execute());
        RunHost(begin.SessionId!, TestOutcome.Passed);

        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, SessionId = begin.SessionId!, TestsSucceeded = true, PushAfterCommit = true };
        Assert.False(finish.Execute());

        Assert.Equal("OMMX1030", Assert.Single(engine.Errors).Code);
        Assert.NotNull(temp.Registry.Resolve(ImageReference.Parse("127.0.0.1:9/team/unreachable:v1")));
    }

    [Fact]
    public void Gc_DryRunWithOrphan_ReportsCandidateAsMessagesAndKeepsIt()
    {
        var orphan = temp.Registry.Blobs.Put([9, 9, 9]);
        var gc = new OmmxGc { BuildEngine = engine, LocalRegistryRoot = temp.Root, GracePeriod = "0s" };

        Assert.True(gc.Execute());

        Assert.Contains(engine.HighImportanceLines, l => l.Contains("1 candidate blob(s)", StringComparison.Ordinal));
        Assert.True(temp.Registry.Blobs.Exists(orphan));
    }

    [Fact]
    public void Gc_BadGracePeriod_ErrorOMMX2001()
    {
        var gc = new OmmxGc { BuildEngine = engine, LocalRegistryRoot = temp.Root, GracePeriod = "soon" };

        Assert.False(gc.Execute());

        Assert.Equal("OMMX2001", Assert.Single(engine.Errors).Code);
    }

    [Theory]
    [InlineData(";net10.0", "example.com/team/tasks:v1")]
    [InlineData("net10.0;;", "example.com/team/tasks:v1")]
    [InlineData(" ; net10.0 ; ", "example.com/team/tasks:v1")]
    [InlineData("", "example.com/team/tasks:v1")]
    [InlineData("net9.0;net10.0", "example.com/team/tasks:v1-net10.0")]
    public void Begin_TargetFrameworks_CountsOnlyNonEmptyEntries(string targetFrameworks, string expectedImage)
    {
        var begin = Begin(experimentName: "example.com/team/tasks:v1");
        begin.TargetFrameworks = targetFrameworks;

        Assert.True(begin.Execute());

        Assert.Equal(expectedImage, begin.ImageName);
    }

    private OmmxBeginTestRun Begin(string? experimentName = null, string? experimentRepository = null) => new()
    {
        BuildEngine = engine,
        LocalRegistryRoot = temp.Root,
        ExperimentName = experimentName,
        ExperimentRepository = experimentRepository,
        ProjectName = "Tasks.Tests",
        TargetFramework = "net10.0",
    };

    private void RunHost(string sessionId, TestOutcome outcome)
    {
        using var host = TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, SessionId = sessionId });
        var run = host.StartTest(new TestCaseInfo("t", "T.Case", "T", "Case"));
        host.FinishTest(run, new TestResult(outcome, 0.01, "") { ExceptionType = outcome == TestOutcome.Failed ? "System.Exception" : null, ExceptionMessage = "boom" });
        host.Complete();
    }

    public void Dispose() => temp.Dispose();
}
