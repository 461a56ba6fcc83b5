using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.XunitV3.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.XunitV3.Tests.EndToEnd;

/// <summary>
/// xunit v3 projects consuming the packed packages, run by <c>dotnet test</c> in Microsoft.Testing.Platform mode and by
/// <c>dotnet run</c>, each beside the same project without the package: exit codes are compared with it and the
/// registry the runs leave is asserted.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(V3EndToEndCollection.Name)]
public sealed class TestingPlatformEndToEndTests(V3PackedFeed feed, ITestOutputHelper output)
{
    private const string Repository = "example.com/e2e/v3";

    private const string Tests = """
        #if OMMX
        using Ommx.Integration.XunitV3;
        #endif

        namespace E2E;

        public sealed class Steps
        {
            private static string Mode => Environment.GetEnvironmentVariable("E2E_MODE") ?? "pass";

        #if OMMX
            public Steps() => OmmxRun.Current.LogParameter("recording_in_constructor", OmmxRun.IsRecording);

            private static void Log(string name, long value) => OmmxRun.Current.LogParameter(name, value);
        #else
            private static void Log(string name, long value) { }
        #endif

            [Fact, Trait("kind", "fast")]
            public void A_Passes()
            {
                TestContext.Current.TestOutputHelper!.WriteLine("hello from A_Passes");
                TestContext.Current.AddAttachment("note", "attached by the test");
                Log("step", 1);
            }

            [Fact]
            public void B_FailsInFailMode()
            {
                Log("step", 2);
                Assert.True(Mode != "fail", "failing on purpose");
            }

            [Fact]
            public async Task C_CrashesInCrashMode()
            {
                await Task.Yield();
                if (Mode == "crash")
                {
                    Environment.FailFast("crashing on purpose");
                }

                if (Mode == "kill")
                {
                    System.Diagnostics.Process.GetCurrentProcess().Kill();
                    await Task.Delay(TimeSpan.FromMinutes(1));
                }
            }

            [Theory, InlineData(47), InlineData(56)]
            public void D_Capacity(int capacity) => Log("objective", capacity - 6L);
        }
        """;

    [Fact]
    public void DotnetTest_TestingPlatform_PassFailCrash_ExitCodesOfThePlainProjectAndCommittedFailedInterrupted()
    {
        using var consumer = new V3Consumer(feed);
        AddPair(consumer, V3Packages.XunitV3Latest);

        var pass = Compare(consumer, ["test", "--no-build"], "pass");
        Assert.Equal(0, pass.Recorded.ExitCode);
        var committed = Committed(consumer);
        Assert.Equal(5, committed.Runs.Count);
        AssertRecordedLikeV2(committed);
        // A passing run's commit line reaches dotnet test's MTP-mode output as the result file it lists.
        var resultFile = ResultFile(pass.Recorded.Output, "committed");
        Assert.StartsWith($"OMMX: committed {Repository}:", File.ReadAllText(resultFile), StringComparison.Ordinal);
        Assert.DoesNotContain("/ommx-committed-", pass.Plain.Output, StringComparison.Ordinal);

        var fail = Compare(consumer, ["test", "--no-build"], "fail");
        Assert.Equal(2, fail.Recorded.ExitCode);
        Assert.Contains("warning OMMX1020: OMMX: tests failed", fail.Recorded.Output, StringComparison.Ordinal);
        Assert.Contains("warning OMMX1020: OMMX: tests failed", File.ReadAllText(ResultFile(fail.Recorded.Output, "failed-checkpoint")), StringComparison.Ordinal);
        var failed = LatestFailed(consumer);
        Assert.Equal(ExperimentStatus.Failed, failed.Status);
        Assert.Equal(5, failed.Runs.Count);
        Assert.Contains("B_FailsInFailMode", failed.LifecycleReason, StringComparison.Ordinal);
        Assert.Single(failed.Runs, r => r.Status == RunStatus.Failed);

        // A crashed host: the run exits with the host's own code (134 for FailFast, 137 for SIGKILL on Linux) as without
        // the package, although the test host controller alone would make it the platform's 7 (see docs/xunit-v3.md).
        var (crash, plainCrash) = Compare(consumer, ["test", "--no-build"], "crash");
        Assert.Equal(134, plainCrash.ExitCode);
        Assert.Contains("Exit code: 134", crash.Output, StringComparison.Ordinal);
        Assert.Contains("warning OMMX1021: OMMX: interrupted checkpoint", crash.Output, StringComparison.Ordinal);
        var interrupted = LatestFailed(consumer);
        var crashDigest = Resolve(consumer, Repository + ":latest-failed");
        Assert.Equal(ExperimentStatus.Interrupted, interrupted.Status);
        Assert.Contains("while running E2E.Steps.C_CrashesInCrashMode", interrupted.LifecycleReason, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(consumer.RegistryRoot, ".ommx-integration", "sessions"), "*.json"));

        var (killed, plainKilled) = Compare(consumer, ["test", "--no-build"], "kill");
        Assert.Equal(137, plainKilled.ExitCode);
        Assert.Contains("Exit code: 137", killed.Output, StringComparison.Ordinal);
        Assert.Contains("warning OMMX1021: OMMX: interrupted checkpoint", killed.Output, StringComparison.Ordinal);
        var killedCheckpoint = LatestFailed(consumer);
        Assert.NotEqual(crashDigest, Resolve(consumer, Repository + ":latest-failed"));
        Assert.Contains("while running E2E.Steps.C_CrashesInCrashMode", killedCheckpoint.LifecycleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetTest_TestingPlatform_KilledThenResumed_OneWholeExperimentRunningOnlyWhatDidNotPass()
    {
        using var consumer = new V3Consumer(feed);
        AddPair(consumer, V3Packages.XunitV3Latest);

        var killed = Run(consumer, "E2E", ["test", "--no-build"], "kill");
        Assert.Equal(137, killed.ExitCode);
        var checkpoint = LatestFailed(consumer);
        Assert.Equal(ExperimentStatus.Interrupted, checkpoint.Status);
        var passedBefore = checkpoint.Runs.Count(r => r.Status == RunStatus.Finished);

        // -p:OmmxResume=true builds (the resume settings go beside the assembly, not into it: its identity must not change).
        var resumed = Run(consumer, "E2E", ["test", "-p:OmmxResume=true"], "pass");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"total: {5 - passedBefore}", resumed.Output, StringComparison.Ordinal);
        var committed = Committed(consumer);
        Assert.Equal(5, committed.Runs.Count);
        Assert.Equal(5, committed.Runs.Select(r => r.Parameters["test.id"].AsString()).Distinct().Count());
        Assert.All(committed.Runs, r => Assert.Equal("passed", r.Parameters["test.outcome"].AsString()));
        Assert.Equal(passedBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), committed.Annotations[Ommx.Integration.Testing.AnnotationKeys.ResumeCarried]);
        Assert.True(committed.Annotations.ContainsKey(Ommx.Integration.Testing.AnnotationKeys.ResumedFrom));

        // Without the switch the next build deletes the settings file: the whole suite runs again.
        var again = Run(consumer, "E2E", ["test"], "pass");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("total: 5", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetRun_PassAndFail_ExitCodesOfThePlainProjectAndTheHostFinishes()
    {
        using var consumer = new V3Consumer(feed);
        AddPair(consumer, V3Packages.XunitV3Latest);

        var pass = Compare(consumer, ["run", "--no-build"], "pass");
        Assert.Equal(0, pass.Recorded.ExitCode);
        Assert.Equal(5, Committed(consumer).Runs.Count);

        var fail = Compare(consumer, ["run", "--no-build"], "fail");
        Assert.NotEqual(0, fail.Recorded.ExitCode);
        var failed = LatestFailed(consumer);
        Assert.Equal(ExperimentStatus.Failed, failed.Status);
        Assert.Contains("B_FailsInFailMode", failed.LifecycleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetTest_OldestSupportedXunitV3_OnTestingPlatform1_Commits()
    {
        using var consumer = new V3Consumer(feed);
        AddPair(consumer, V3Packages.XunitV3Oldest);

        var pass = Compare(consumer, ["test", "--no-build"], "pass");
        Assert.Equal(0, pass.Recorded.ExitCode);
        var committed = Committed(consumer);
        Assert.Equal(5, committed.Runs.Count);
        AssertRecordedLikeV2(committed);

        var crash = Run(consumer, "E2E", ["test", "--no-build"], "crash");
        Assert.NotEqual(0, crash.ExitCode);
        Assert.Contains("while running E2E.Steps.C_CrashesInCrashMode", LatestFailed(consumer).LifecycleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetTest_TestingPlatform_ExplicitNameTaken_RefusedBeforeTheTestsRun()
    {
        using var consumer = new V3Consumer(feed);
        AddPair(consumer, V3Packages.XunitV3Latest);

        var first = Run(consumer, "E2E", ["test", "-p:OmmxExperimentName=example.com/e2e/fixed:v1"], "pass");
        Assert.Equal(0, first.ExitCode);
        using (var registry = LocalRegistry.Open(consumer.RegistryRoot))
        {
            Assert.NotNull(registry.Resolve(ImageReference.Parse("example.com/e2e/fixed:v1")));
        }

        var again = Run(consumer, "E2E", ["test", "--no-build"], "pass");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("OMMX1002", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("succeeded: 5", again.Output, StringComparison.Ordinal);
    }

    /// <summary>What the v2 package records for the same test cases: parameters, theory arguments, traits, output, attachments.</summary>
    private static void AssertRecordedLikeV2(Experiment experiment)
    {
        var runs = experiment.Runs.ToDictionary(r => r.Parameters["test.display_name"].AsString());
        var passes = runs["E2E.Steps.A_Passes"];
        Assert.Equal("passed", passes.Parameters["test.outcome"].AsString());
        Assert.Equal(("E2E.Steps", "A_Passes"), (passes.Parameters["test.class"].AsString(), passes.Parameters["test.method"].AsString()));
        Assert.Equal(1L, passes.Parameters["step"].AsInt64());
        Assert.Equal("fast", passes.Parameters["trait.kind"].AsString());
        Assert.True(passes.Parameters["recording_in_constructor"].AsBool());
        Assert.Contains("hello from A_Passes", Encoding.UTF8.GetString(passes.GetAttachmentBytes("output.txt")), StringComparison.Ordinal);
        Assert.Equal("attached by the test", Encoding.UTF8.GetString(passes.GetAttachmentBytes("xunit-attachment/note")));
        var capacities = runs.Values.Where(r => r.Parameters["test.method"].AsString() == "D_Capacity").OrderBy(r => r.Parameters["capacity"].AsInt64()).ToList();
        Assert.Equal([47L, 56L], capacities.Select(r => r.Parameters["capacity"].AsInt64()));
        Assert.Equal([41L, 50L], capacities.Select(r => r.Parameters["objective"].AsInt64()));
    }

    private void AddPair(V3Consumer consumer, string xunit)
    {
        consumer.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests }, xunit, extraProperties: $"<OmmxExperimentRepository>{Repository}</OmmxExperimentRepository>");
        consumer.AddProject("Plain", new Dictionary<string, string> { ["Tests.cs"] = Tests }, xunit, withOmmx: false);
        foreach (var project in new[] { "E2E", "Plain" })
        {
            var build = consumer.Dotnet(["build"], inProject: project);
            Assert.True(build.ExitCode == 0, build.Output);
        }
    }

    private ((int ExitCode, string Output) Recorded, (int ExitCode, string Output) Plain) Compare(V3Consumer consumer, string[] command, string mode)
    {
        var recorded = Run(consumer, "E2E", command, mode);
        var plain = Run(consumer, "Plain", command, mode);
        Assert.Equal(plain.ExitCode, recorded.ExitCode);
        return (recorded, plain);
    }

    private (int ExitCode, string Output) Run(V3Consumer consumer, string project, string[] command, string mode)
    {
        var result = consumer.Dotnet(command, new Dictionary<string, string?> { ["E2E_MODE"] = mode }, project);
        output.WriteLine($"--- {project} {string.Join(' ', command)} {mode}: exit {result.ExitCode}\n{result.Output}");
        return result;
    }

    /// <summary>The path of the OMMX result file <c>dotnet test</c> listed among the run's file artifacts.</summary>
    private static string ResultFile(string output, string outcome)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, $@"(\S*/ommx-{outcome}-\S+\.txt)");
        Assert.True(match.Success, output);
        return match.Groups[1].Value;
    }

    private static string? Resolve(V3Consumer consumer, string name)
    {
        using var registry = LocalRegistry.Open(consumer.RegistryRoot);
        return registry.Resolve(ImageReference.Parse(name))?.ToString();
    }

    private static Experiment Committed(V3Consumer consumer) => Load(consumer, Repository + ":latest");

    private static Experiment LatestFailed(V3Consumer consumer) => Load(consumer, Repository + ":latest-failed");

    private static Experiment Load(V3Consumer consumer, string name)
    {
        using var registry = LocalRegistry.Open(consumer.RegistryRoot);
        Assert.NotNull(registry.Resolve(ImageReference.Parse(name)));
        return Experiment.Load(registry, name);
    }
}
