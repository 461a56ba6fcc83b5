using System.Text;
using System.Text.Json.Nodes;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Resume;
using Ommx.Integration.Testing.Sessions;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Testing.Sessions;

/// <summary>
/// The test host prepares, at its clean end, the artifact the build step publishes (<see cref="Experiment.PrepareForPublish"/>),
/// and <see cref="TestRunSessions.Finish"/> publishes it without replaying the journal when it is what the build decides.
/// The same recording is settled both ways (a copy of the whole registry root, one copy with a host report as written
/// before the prepared field existed) and must publish the same manifest; every damaged or mismatching case must
/// fall back to the replay and still publish the Experiment.
/// </summary>
public sealed class PreparedArtifactTests : IDisposable
{
    private const string Repository = "example.com/team/prepared";
    private static readonly TestRunFingerprint Built = new("mvid:11111111-1111-1111-1111-111111111111", "0123456789abcdef0123456789abcdef01234567", null);
    private readonly TempRegistry temp = new();
    private readonly List<TempRegistry> copies = [];

    private TestRunSessions Sessions => new(temp.Registry);

    [Fact]
    public void ResumedRecordingAllPassed_PreparedCommitPublishedWithoutReplay_SameManifestRefsAndOutcomeAsTheReplay()
    {
        var checkpoint = RecordFailedRun();
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Resume = true, Fingerprint = Built });
        string? prepared;
        using (var host = Host(session.Id))
        {
            host.CarryOver(["B", "T", "S"], ["A", "B", "C", "T", "S"]);
            RunCases(host, new("B", TestOutcome.Passed), new("T[0]", TestOutcome.Passed), new("T[1]", TestOutcome.Passed), new("S", TestOutcome.Skipped));
            host.Complete();
            prepared = HostReport(temp, session.Id).PreparedManifest;
        }

        Assert.NotNull(prepared);
        var (viaPrepared, viaReplay, replayRegistry) = SettleBothWays(session.Id, testsSucceeded: true);

        Assert.True(viaPrepared.FromPreparedArtifact);
        Assert.False(viaReplay.FromPreparedArtifact);
        Assert.Equal(TestRunOutcomeKind.Committed, viaPrepared.Kind);
        Assert.Equal(prepared, viaPrepared.ManifestDigest);
        Assert.Equal(viaReplay.ManifestDigest, viaPrepared.ManifestDigest);
        Assert.Equal(viaReplay.Headline, viaPrepared.Headline);
        Assert.Equal(viaReplay with { FromPreparedArtifact = true, RegistryRoot = null }, viaPrepared with { RegistryRoot = null });
        Assert.Equal(6, viaPrepared.Runs);
        Assert.Equal(2, viaPrepared.Carried);
        Assert.Equal(checkpoint.RequestedImage, viaPrepared.ResumedFrom);
        Assert.Equal(checkpoint.Manifest.Digest, temp.Registry.ReadManifest(Digest.Parse(viaPrepared.ManifestDigest!)).Manifest.Subject!.Digest);
        AssertSameRegistryState(temp.Registry, replayRegistry);
        using var committed = Experiment.Load(temp.Registry, session.ImageName);
        Assert.Equal(6, committed.Runs.Count);
        Assert.Contains(committed.RunParameters.ForRun(committed.Runs.Single(r => r.Parameters["test.id"].AsString() == "T[1]").Id), p => p.Key == "row" && p.Value.AsString() == "T[1]");
    }

    [Fact]
    public void FailedTestDisplacingAnEarlierFailedCheckpoint_PreparedCheckpointPublished_SameManifestPreservedTagAndReasonAsTheReplay()
    {
        const string name = Repository + ":v1";
        var first = Sessions.Begin(new TestRunRequest { ExperimentName = name, Project = "P" });
        using (var host = Host(first.Id))
        {
            RunCases(host, new Case("A", TestOutcome.Failed));
            host.Complete();
        }

        Assert.Equal(TestRunOutcomeKind.FailedCheckpoint, Sessions.Finish(first.Id, testsSucceeded: false).Kind);
        var session = Sessions.Begin(new TestRunRequest { ExperimentName = name, Project = "P" });
        using (var host = Host(session.Id))
        {
            RunCases(host, new("A", TestOutcome.Passed), new("B", TestOutcome.Failed), new("T[0]", TestOutcome.Failed), new("S", TestOutcome.Skipped));
            host.Complete();
        }

        var (viaPrepared, viaReplay, replayRegistry) = SettleBothWays(session.Id, testsSucceeded: false);

        Assert.True(viaPrepared.FromPreparedArtifact);
        Assert.False(viaReplay.FromPreparedArtifact);
        Assert.Equal(TestRunOutcomeKind.FailedCheckpoint, viaPrepared.Kind);
        Assert.Equal(viaReplay.ManifestDigest, viaPrepared.ManifestDigest);
        Assert.Equal(viaReplay with { FromPreparedArtifact = true, RegistryRoot = null }, viaPrepared with { RegistryRoot = null });
        Assert.Equal("2 test(s) failed: Display B, Display T[0]", viaPrepared.Reason);
        Assert.NotNull(viaPrepared.PreservedCheckpoint);
        AssertSameRegistryState(temp.Registry, replayRegistry);
        using var loaded = Experiment.Load(temp.Registry, viaPrepared.CheckpointName!);
        Assert.Equal(ExperimentStatus.Failed, loaded.Status);
        Assert.Equal(4, loaded.Runs.Count);
    }

    [Fact]
    public void HostSawNoFailureButDotnetTestFailed_PreparedCommitNotPublished_FailedCheckpointByReplay()
    {
        var session = Record(new Case("A", TestOutcome.Passed));
        var prepared = HostReport(temp, session.Id).PreparedManifest;

        var outcome = Sessions.Finish(session.Id, testsSucceeded: false);

        Assert.False(outcome.FromPreparedArtifact);
        Assert.Equal(TestRunOutcomeKind.FailedCheckpoint, outcome.Kind);
        Assert.Equal("dotnet test reported a failure", outcome.Reason);
        Assert.NotEqual(prepared, outcome.ManifestDigest);
        Assert.Null(temp.Registry.Resolve(ImageReference.Parse(session.ImageName)));
    }

    [Fact]
    public void HostKilledAfterPreparingBeforeItsReport_InterruptedCheckpointByReplay_PreparedLineIgnored()
    {
        var session = Record(new Case("A", TestOutcome.Passed), new Case("B", TestOutcome.Passed));
        File.Delete(Path.Combine(temp.Root, ".ommx-integration", "sessions", session.Id + ".host.json"));

        var outcome = Sessions.Finish(session.Id, testsSucceeded: false);

        Assert.False(outcome.FromPreparedArtifact);
        Assert.Equal(TestRunOutcomeKind.InterruptedCheckpoint, outcome.Kind);
        Assert.Equal(2, outcome.Runs);
    }

    [Theory]
    [InlineData("line missing")]
    [InlineData("line damaged")]
    [InlineData("line names another manifest")]
    [InlineData("line says failed")]
    [InlineData("a line after it")]
    [InlineData("report names another manifest")]
    [InlineData("manifest blob missing")]
    [InlineData("config blob missing")]
    [InlineData("table blob missing")]
    public void PreparedArtifactUnusable_Replayed_SameExperimentPublished(string damage)
    {
        var session = Record(new Case("A", TestOutcome.Passed), new Case("B", TestOutcome.Skipped));
        var prepared = Digest.Parse(HostReport(temp, session.Id).PreparedManifest!);
        var journal = JournalOf(session);
        var manifest = temp.Registry.ReadManifest(prepared).Manifest;
        var other = temp.Commit(Repository + ":other", [1, 2, 3]).Digest;
        var lines = File.ReadAllLines(journal).ToList();
        Assert.StartsWith("{\"journal_prepared\":", lines[^1], StringComparison.Ordinal);
        switch (damage)
        {
            case "line missing":
                lines.RemoveAt(lines.Count - 1);
                break;
            case "line damaged":
                lines[^1] = lines[^1][..(lines[^1].Length / 2)] + "\u0000garbage\"}}";
                break;
            case "line names another manifest":
                lines[^1] = lines[^1].Replace(prepared.ToString(), other.ToString(), StringComparison.Ordinal);
                break;
            case "line says failed":
                lines[^1] = lines[^1].Replace("\"status\":\"finished\"", "\"status\":\"failed\"", StringComparison.Ordinal);
                break;
            case "a line after it":
                lines.Add("{\"journal_open\":[]}");
                break;
            case "report names another manifest":
                RewriteHostReport(temp, session.Id, report => report["preparedManifest"] = other.ToString());
                break;
            case "manifest blob missing":
                File.Delete(temp.Registry.Blobs.PathFor(prepared));
                break;
            case "config blob missing":
                File.Delete(temp.Registry.Blobs.PathFor(manifest.Config.Digest));
                break;
            case "table blob missing":
                File.Delete(temp.Registry.Blobs.PathFor(manifest.Layers[^1].Digest));
                break;
        }

        File.WriteAllText(journal, string.Join('\n', lines) + "\n");

        var outcome = Sessions.Finish(session.Id, testsSucceeded: true);

        Assert.False(outcome.FromPreparedArtifact);
        Assert.Equal(TestRunOutcomeKind.Committed, outcome.Kind);
        Assert.Equal(2, outcome.Runs);
        // The replay seals the same bytes the host sealed (and stores again what was missing).
        Assert.Equal(prepared.ToString(), outcome.ManifestDigest);

        Assert.False(File.Exists(journal));
        using var committed = Experiment.Load(temp.Registry, session.ImageName);
        Assert.Equal(2, committed.Runs.Count);
    }

    [Fact]
    public void GcWithNoGracePeriodBetweenHostEndAndPublish_KeepsThePreparedManifestConfigAndTable_ThenPublished()
    {
        var session = Record(new Case("A", TestOutcome.Passed), new Case("B", TestOutcome.Passed));
        var prepared = Digest.Parse(HostReport(temp, session.Id).PreparedManifest!);
        var manifest = temp.Registry.ReadManifest(prepared).Manifest;
        Assert.Null(temp.Registry.Resolve(ImageReference.Parse(session.ImageName)));
        Assert.DoesNotContain(temp.Registry.ListLeases(), l => l.Subject == session.ImageName);

        using (var other = temp.OpenAnother())
        {
            RegistryGc.Run(other, new GcOptions { Delete = true, GracePeriod = TimeSpan.Zero });
        }

        Assert.True(temp.Registry.Blobs.Exists(prepared));
        Assert.True(temp.Registry.Blobs.Exists(manifest.Config.Digest));
        Assert.All(manifest.Layers, l => Assert.True(temp.Registry.Blobs.Exists(l.Digest)));
        var outcome = Sessions.Finish(session.Id, testsSucceeded: true);
        Assert.True(outcome.FromPreparedArtifact);
        Assert.Equal(prepared.ToString(), outcome.ManifestDigest);
        Assert.Empty(temp.Registry.ListLeases());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void HostKilledWhilePreparing_AtEveryMomentOfItsEnd_NothingLost()
    {
        const int tests = 300;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // -1: killed after the host's end returned (report written): the prepared commit is published.
        foreach (var delay in new[] { 0, 2, 5, 10, 20, 40, 80, 160, 320, -1 })
        {
            var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P" });
            using (var host = WorkerProcess.Start("test-host-complete", temp.Root, session.Id, tests.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                host.WaitForLines(delay < 0 ? 2 : 1, TimeSpan.FromSeconds(120));
                Assert.True(host.Lines.Contains(delay < 0 ? "completed" : "completing"), host.Errors);
                Thread.Sleep(Math.Max(0, delay));
                host.Kill();
            }

            var reported = File.Exists(Path.Combine(temp.Root, ".ommx-integration", "sessions", session.Id + ".host.json"));
            var outcome = Sessions.Finish(session.Id, testsSucceeded: reported);

            seen.Add($"{outcome.Kind}{(outcome.FromPreparedArtifact ? " prepared" : string.Empty)}");
            Assert.Equal(tests, outcome.Runs);
            Assert.Equal(reported ? TestRunOutcomeKind.Committed : TestRunOutcomeKind.InterruptedCheckpoint, outcome.Kind);
            Assert.Equal(reported, outcome.FromPreparedArtifact);
            using var loaded = Experiment.Load(temp.Registry, outcome.Kind == TestRunOutcomeKind.Committed ? session.ImageName : outcome.CheckpointName!);
            Assert.Equal(tests, loaded.Runs.Count);
            Assert.Empty(RunJournalFiles.PathsFor(temp.Root, ImageReference.Parse(session.ImageName)));
        }

        Assert.Contains("InterruptedCheckpoint", seen);
        Assert.Contains("Committed prepared", seen);
    }

    /// <summary>Copies the whole registry root (closed first), strips the prepared field from the copy's host report, settles both.</summary>
    private (TestRunOutcome ViaPrepared, TestRunOutcome ViaReplay, LocalRegistry ReplayRegistry) SettleBothWays(string sessionId, bool testsSucceeded)
    {
        var copy = new TempRegistry();
        copies.Add(copy);
        copy.Registry.Dispose();
        temp.Registry.Dispose();
        Directory.Delete(copy.Root, recursive: true);
        CopyDirectory(temp.Root, copy.Root);
        temp.Reopen();
        copy.Reopen();
        RewriteHostReport(copy, sessionId, report => report.Remove("preparedManifest"));
        var viaPrepared = new TestRunSessions(temp.Registry).Finish(sessionId, testsSucceeded);
        var viaReplay = new TestRunSessions(copy.Registry).Finish(sessionId, testsSucceeded);
        return (viaPrepared, viaReplay, copy.Registry);
    }

    /// <summary>Refs (name, reference, digest), leases and journals of two roots that settled the same recording.</summary>
    private static void AssertSameRegistryState(LocalRegistry a, LocalRegistry b)
    {
        static string Refs(LocalRegistry r) => string.Join('\n', r.ListRefs().Select(x => $"{x.Name}:{x.Reference} {x.ManifestDigest}").Order(StringComparer.Ordinal));
        Assert.Equal(Refs(b).Replace(b.RegistryId, "<id>", StringComparison.Ordinal), Refs(a).Replace(a.RegistryId, "<id>", StringComparison.Ordinal));
        Assert.Empty(a.ListLeases());
        Assert.Empty(b.ListLeases());
        Assert.Empty(RunJournalFiles.JournalPaths(a.Root));
        Assert.Empty(RunJournalFiles.JournalPaths(b.Root));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    private static TestHostReport HostReport(TempRegistry registry, string sessionId) =>
        new TestRunSessionFiles(registry.Root).ReadHostReport(sessionId) ?? throw new InvalidOperationException("no host report");

    /// <summary>Edits the host report's JSON as a file (removing a property writes a report as an older host wrote it).</summary>
    private static void RewriteHostReport(TempRegistry registry, string sessionId, Action<JsonObject> edit)
    {
        var path = Path.Combine(registry.Root, ".ommx-integration", "sessions", sessionId + ".host.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.True(json.ContainsKey("preparedManifest"));
        edit(json);
        File.WriteAllText(path, json.ToJsonString(), Encoding.UTF8);
    }

    private string JournalOf(TestRunSession session) =>
        RunJournalFiles.PathsFor(temp.Root, ImageReference.Parse(session.ImageName)).Single();

    private TestRunSession Record(params Case[] cases)
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P" });
        using var host = Host(session.Id);
        RunCases(host, cases);
        host.Complete();
        return session;
    }

    /// <summary>A, C pass; B fails; theory T has rows T[0] (passes) and T[1] (fails); S is skipped.</summary>
    private ResumeCheckpoint RecordFailedRun()
    {
        var session = Sessions.Begin(new TestRunRequest { ExperimentRepository = Repository, Project = "P", Fingerprint = Built });
        using (var host = Host(session.Id))
        {
            RunCases(host, new("A", TestOutcome.Passed), new("B", TestOutcome.Failed), new("C", TestOutcome.Passed), new("T[0]", TestOutcome.Passed), new("T[1]", TestOutcome.Failed), new("S", TestOutcome.Skipped));
            host.Complete();
        }

        var outcome = Sessions.Finish(session.Id, testsSucceeded: false);
        Assert.Equal(TestRunOutcomeKind.FailedCheckpoint, outcome.Kind);
        return ResumePlanner.Load(temp.Registry, outcome.CheckpointName!).Checkpoint;
    }

    private TestSession Host(string sessionId) =>
        TestSession.Start(new TestSessionSettings
        {
            RegistryRoot = temp.Root,
            SessionId = sessionId,
            Annotations = new Dictionary<string, string> { [AnnotationKeys.Project] = "P", ["example.team"] = "solvers" },
            ArgumentColumns = new TheoryArgumentColumns([new("row", typeof(string)), new("size", typeof(int)), new("flag", typeof(bool))]),
        });

    private static void RunCases(TestSession host, params Case[] cases)
    {
        foreach (var (id, outcome) in cases)
        {
            var arguments = id.Length > 1 ? new KeyValuePair<string, object?>[] { new("row", id), new("size", id.Length * 1.5), new("flag", id.EndsWith(']')) } : [];
            var run = host.StartTest(new TestCaseInfo(id, "Display " + id, "C", id[..1])
            {
                Arguments = arguments,
                Traits = new Dictionary<string, IReadOnlyList<string>> { ["Category"] = ["Unit", id] },
            });
            run.LogText("notes.txt", "output of " + id);
            host.FinishTest(run, new TestResult(outcome, 0.25, "out " + id)
            {
                ExceptionType = outcome == TestOutcome.Failed ? "Xunit.Sdk.TrueException" : null,
                ExceptionMessage = "boom",
                StackTrace = outcome == TestOutcome.Failed ? "at C." + id + "()" : null,
                SkipReason = outcome == TestOutcome.Skipped ? "later" : null,
            });
        }
    }

    private sealed record Case(string Id, TestOutcome Outcome);

    public void Dispose()
    {
        foreach (var copy in copies)
        {
            copy.Dispose();
        }

        temp.Dispose();
    }
}
