using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Oci;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Resume;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.MSBuild.Tests.Tasks;

/// <summary><c>OmmxBeginTestRun</c> with <c>OmmxResume</c>: the fingerprint it stores and checks, and the codes it logs.</summary>
public sealed class ResumeTasksTests : IDisposable
{
    private const string Repository = "example.com/team/resume";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly string TestAssembly = typeof(ResumeTasksTests).Assembly.Location;
    private readonly TempRegistry temp = new();
    private readonly RecordingBuildEngine engine = new();
    private readonly string input;

    public ResumeTasksTests()
    {
        input = temp.Scratch.Combine("instance.json");
        File.WriteAllText(input, "{\"n\": 10}");
    }

    [Fact]
    public void Begin_RecordsFingerprintWithSession_ResumeWithSameFingerprintChoosesTheCheckpoint()
    {
        var checkpoint = RecordFailedRun();

        var begin = Begin(resume: true);
        Assert.True(begin.Execute());

        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Contains(engine.HighImportanceLines, l => l.StartsWith("OMMX: resuming " + Repository + ":", StringComparison.Ordinal) && l.Contains(checkpoint, StringComparison.Ordinal));
        var session = new TestRunSessions(temp.Registry).Get(begin.SessionId!);
        Assert.Equal(checkpoint, session.Resume!.ManifestDigest);
        Assert.Equal(TestRunFingerprint.AssemblyIdentityOf(TestAssembly), session.Fingerprint!.AssemblyIdentity);
        Assert.Equal(Commit, session.Fingerprint.GitRevision);
        Assert.StartsWith("sha256:", session.Fingerprint.DeclaredInputs, StringComparison.Ordinal);
    }

    [Fact]
    public void Begin_ResumeAcrossAnotherTestAssembly_ErrorOMMX1081NamingIt_ForceWarnsOMMX1082()
    {
        RecordFailedRun();
        var other = typeof(TestSession).Assembly.Location;

        var refused = Begin(resume: true, testAssembly: other);
        Assert.False(refused.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1081", error.Code);
        Assert.Contains("the test assembly (" + TestRunFingerprint.AssemblyIdentityOf(TestAssembly) + " → " + TestRunFingerprint.AssemblyIdentityOf(other) + ")", error.Message, StringComparison.Ordinal);
        Assert.Null(refused.SessionId);

        engine.Errors.Clear();
        var forced = Begin(resume: true, testAssembly: other);
        forced.ResumeForce = true;
        Assert.True(forced.Execute());
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("OMMX1082", warning.Code);
        Assert.Contains("resuming " + Repository + ":", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".ommx.local/" + ImageNames.CheckpointRepository, warning.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Begin_ResumeAfterADeclaredInputChanged_ErrorOMMX1081NamingTheInputs()
    {
        RecordFailedRun();
        File.WriteAllText(input, "{\"n\": 11}");

        var begin = Begin(resume: true);

        Assert.False(begin.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1081", error.Code);
        Assert.Contains("the declared inputs (OmmxInput)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the test assembly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Begin_ResumeFromAMissingCheckpoint_ErrorOMMX1080()
    {
        var begin = Begin(resume: false);
        begin.ResumeFrom = Repository + ":nope";

        Assert.False(begin.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1080", error.Code);
        Assert.Contains("No failed or interrupted checkpoint is named " + Repository + ":nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Begin_ResumeWithNothingToResume_MessageNoWarningRunsFromScratch()
    {
        var begin = Begin(resume: true);

        Assert.True(begin.Execute());

        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Contains(engine.HighImportanceLines, l => l.StartsWith("OMMX: nothing to resume", StringComparison.Ordinal));
        Assert.Null(new TestRunSessions(temp.Registry).Get(begin.SessionId!).Resume);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("twice")]
    [InlineData("101")]
    public void Begin_InvalidRetryFailed_ErrorOMMX1083AndNoSession(string value)
    {
        var begin = Begin(resume: false);
        begin.RetryFailed = value;

        Assert.False(begin.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("OMMX1083", error.Code);
        Assert.Contains("'" + value + "'", error.Message, StringComparison.Ordinal);
        Assert.Null(begin.SessionId);
    }

    [Fact]
    public void Begin_RetryFailed_ReachesTheHostThroughTheSession()
    {
        var begin = Begin(resume: false);
        begin.RetryFailed = " 2 ";

        Assert.True(begin.Execute());

        using var host = TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, SessionId = begin.SessionId });
        Assert.Equal(2, host.RetryFailed);
    }

    /// <summary>A failed run of the project with the current fingerprint; returns its checkpoint digest.</summary>
    private string RecordFailedRun()
    {
        var begin = Begin(resume: false);
        Assert.True(begin.Execute());
        using (var host = TestSession.Start(new TestSessionSettings { RegistryRoot = temp.Root, SessionId = begin.SessionId }))
        {
            var run = host.StartTest(new TestCaseInfo("t", "T.Case", "T", "Case"));
            host.FinishTest(run, new TestResult(TestOutcome.Failed, 0.01, "") { ExceptionType = "System.Exception", ExceptionMessage = "boom" });
            host.Complete();
        }

        var finish = new OmmxFinishTestRun { BuildEngine = engine, LocalRegistryRoot = temp.Root, SessionId = begin.SessionId!, TestsSucceeded = false };
        Assert.True(finish.Execute());
        Assert.Contains(engine.HighImportanceLines, l => l.Contains("resume:  dotnet test -p:OmmxResume=true", StringComparison.Ordinal));
        engine.Warnings.Clear();
        engine.Messages.Clear();
        return finish.ManifestDigest!;
    }

    private OmmxBeginTestRun Begin(bool resume, string? testAssembly = null) => new()
    {
        BuildEngine = engine,
        LocalRegistryRoot = temp.Root,
        ExperimentRepository = Repository,
        ProjectName = "Resume.Tests",
        TargetFramework = "net10.0",
        GitCommit = Commit,
        TestAssembly = testAssembly ?? TestAssembly,
        Inputs = [new TaskItem(input)],
        ProjectDirectory = temp.Scratch.Combine("."),
        Resume = resume,
    };

    public void Dispose() => temp.Dispose();
}
