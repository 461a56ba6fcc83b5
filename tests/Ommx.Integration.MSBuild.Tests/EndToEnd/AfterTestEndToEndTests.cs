using Ommx.Integration.Experiments;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet test</c> on one scratch project consuming the packed packages, built once and run with
/// <c>--no-build</c> in each mode (pass, fail, crash) selected by an environment variable.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class AfterTestEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    private const string Repository = "example.com/e2e/solver";

    private const string Tests = """
        using Ommx.Integration.Xunit;

        namespace E2E;

        public sealed class Steps
        {
            private static string Mode => Environment.GetEnvironmentVariable("E2E_MODE") ?? "pass";

            [Fact] public void A_Passes() => OmmxRun.Current.LogParameter("step", 1L);

            [Fact]
            public void B_FailsInFailMode()
            {
                OmmxRun.Current.LogParameter("step", 2L);
                Assert.True(Mode != "fail", "failing on purpose");
            }

            [Fact]
            public void C_CrashesInCrashMode()
            {
                if (Mode == "crash")
                {
                    Environment.FailFast("crashing on purpose");
                }
            }

            [Theory, InlineData(47), InlineData(56)]
            public void D_Capacity(int capacity) => OmmxRun.Current.LogParameter("objective", capacity - 6L);
        }
        """;

    [Fact]
    public void DotnetTest_PassFailCrash_CommittedFailedAndInterruptedWithExitCodes()
    {
        using var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests, ["Order.cs"] = ScratchSources.OrderByName }, extraProperties: $"<OmmxExperimentRepository>{Repository}</OmmxExperimentRepository>");
        Build(project);

        var pass = Test(project, "pass");
        Assert.Equal(0, pass.ExitCode);
        var committedLine = Assert.Single(Lines(pass.Output, "OMMX: committed "));
        Assert.Matches(@$"OMMX: committed {Repository}:\d{{8}}T\d{{6}}Z-[0-9a-f]{{8}}(-[0-9a-f]{{7}})? \(5 runs\) sha256:[0-9a-f]{{64}}", committedLine);

        var fail = Test(project, "fail");
        Assert.Equal(1, fail.ExitCode);
        Assert.Contains("Failed!", fail.Output, StringComparison.Ordinal);
        Assert.Contains("OMMX: tests failed", fail.Output, StringComparison.Ordinal);

        var failedCheckpoint = LatestFailed(project);
        Assert.Equal(ExperimentStatus.Failed, failedCheckpoint.Status);
        Assert.Equal(5, failedCheckpoint.Runs.Count);
        Assert.Contains("B_FailsInFailMode", failedCheckpoint.LifecycleReason, StringComparison.Ordinal);
        Assert.Single(failedCheckpoint.Runs, r => r.Status == RunStatus.Failed);

        var crash = Test(project, "crash");
        Assert.Equal(1, crash.ExitCode);
        Assert.Contains("OMMX: interrupted checkpoint", crash.Output, StringComparison.Ordinal);
        var interrupted = LatestFailed(project);
        Assert.Equal(ExperimentStatus.Interrupted, interrupted.Status);
        Assert.Equal(2, interrupted.Runs.Count);
        Assert.Contains("while running E2E.Steps.C_CrashesInCrashMode", interrupted.LifecycleReason, StringComparison.Ordinal);

        using var registry = LocalRegistry.Open(project.RegistryRoot);
        var committed = ExperimentCatalog.List(registry, Repository + ":").Experiments;
        Assert.Single(committed, e => e.Status == ExperimentStatus.Finished && e.RunCount == 5 && !e.ImageName.EndsWith(":latest", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(project.RegistryRoot, ".ommx-integration", "sessions"), "*.json"));
    }

    [Fact]
    public void DotnetTest_ListTestsAndExplicitNameTaken_RecordNothingAndRefuseBeforeTests()
    {
        using var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests, ["Order.cs"] = ScratchSources.OrderByName });
        Build(project);

        var list = project.Dotnet(["test", "--no-build", "--list-tests"], inProject: "E2E");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("A_Passes", list.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.RegistryRoot, ".ommx-integration", "sessions")) && Directory.EnumerateFiles(Path.Combine(project.RegistryRoot, ".ommx-integration", "sessions")).Any());

        var first = project.Dotnet(["test", "--no-build", "-p:OmmxExperimentName=example.com/e2e/fixed:v1"], inProject: "E2E");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("OMMX: committed example.com/e2e/fixed:v1 (5 runs)", first.Output, StringComparison.Ordinal);

        var again = project.Dotnet(["test", "--no-build", "-p:OmmxExperimentName=example.com/e2e/fixed:v1"], inProject: "E2E");
        output.WriteLine(again.Output);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("error OMMX1002", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Passed!", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetTest_FilterQuietAndTerminalLogger_RecordWhatRanAndKeepExitCodes()
    {
        using var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests, ["Order.cs"] = ScratchSources.OrderByName }, extraProperties: $"<OmmxExperimentRepository>{Repository}</OmmxExperimentRepository>");
        Build(project);

        var filtered = project.Dotnet(["test", "--no-build", "--filter", "FullyQualifiedName~D_Capacity"], inProject: "E2E");
        Assert.Equal(0, filtered.ExitCode);
        Assert.Contains("(2 runs)", filtered.Output, StringComparison.Ordinal);

        var quiet = project.Dotnet(["test", "--no-build", "-v", "q"], inProject: "E2E");
        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotContain("OMMX: committed", quiet.Output, StringComparison.Ordinal);
        var terminalPass = project.Dotnet(["test", "--no-build"], inProject: "E2E", inTerminal: true);
        output.WriteLine(terminalPass.Output);
        Assert.Equal(0, terminalPass.ExitCode);
        Assert.Contains("OMMX: committed", terminalPass.Output, StringComparison.Ordinal);
        var terminal = project.Dotnet(["test", "--no-build"], new Dictionary<string, string?> { ["E2E_MODE"] = "fail" }, "E2E", inTerminal: true);
        output.WriteLine(terminal.Output);
        Assert.Equal(1, terminal.ExitCode);
        Assert.Contains("OMMX1020", terminal.Output, StringComparison.Ordinal);

        using var registry = LocalRegistry.Open(project.RegistryRoot);
        var runs = ExperimentCatalog.List(registry, Repository + ":").Experiments
            .Where(e => !e.ImageName.EndsWith(":latest", StringComparison.Ordinal) && e.Status == ExperimentStatus.Finished)
            .Select(e => e.RunCount).Order().ToList();
        Assert.Equal([2, 5, 5], runs);
        Assert.Equal(ExperimentStatus.Failed, ExperimentCatalog.ListCheckpoints(registry).Checkpoints.Single().Status);
    }

    /// <summary>
    /// A <c>dotnet test</c> that builds: the before step builds first (the fingerprint must name the assembly that will
    /// run) with the same global properties as the SDK's own build step, so MSBuild builds once and reuses the result:
    /// one compile, and as many evaluations as with recording off.
    /// </summary>
    [Fact]
    public void DotnetTest_Building_BeforeStepReusesTheBuildOneCompileNoExtraEvaluation()
    {
        using var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = "namespace E2E; public sealed class One { [Fact] public void Passes() { } }" }, extraProperties: $"<OmmxExperimentRepository>{Repository}</OmmxExperimentRepository>");

        var off = project.Dotnet(["test", "-clp:PerformanceSummary", "-p:OmmxEnabled=false"], inProject: "E2E");
        Assert.True(off.ExitCode == 0, off.Output);
        File.AppendAllText(Path.Combine(project.Directory, "E2E", "Tests.cs"), "\n// changed: the next dotnet test compiles again\n");
        var on = project.Dotnet(["test", "-clp:PerformanceSummary"], inProject: "E2E");
        output.WriteLine(on.Output);

        Assert.True(on.ExitCode == 0, on.Output);
        Assert.Single(Lines(on.Output, "OMMX: committed "));
        Assert.Equal(1, SummaryCalls(on.Output, "CoreCompile"));
        Assert.Equal(EvaluationCalls(off.Output), EvaluationCalls(on.Output));
        Assert.Equal(SummaryCalls(off.Output, "CoreCompile"), SummaryCalls(on.Output, "CoreCompile"));
    }

    /// <summary>How many times the performance summary says a target ran.</summary>
    private static int SummaryCalls(string text, string target) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(text, $@"\d+ ms\s+{target}\s+(\d+) calls").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many evaluations the performance summary lists for the project.</summary>
    private static int EvaluationCalls(string text) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"Project Evaluation Performance Summary:\s*\n\s*\d+ ms\s+\S+\s+(\d+) calls").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private void Build(ConsumerProject project)
    {
        var build = project.Dotnet(["build"], inProject: "E2E");
        Assert.True(build.ExitCode == 0, build.Output);
    }

    private (int ExitCode, string Output) Test(ConsumerProject project, string mode)
    {
        var result = project.Dotnet(["test", "--no-build"], new Dictionary<string, string?> { ["E2E_MODE"] = mode }, "E2E");
        output.WriteLine($"--- {mode}: exit {result.ExitCode}\n{result.Output}");
        return result;
    }

    private static Experiment LatestFailed(ConsumerProject project)
    {
        using var registry = LocalRegistry.Open(project.RegistryRoot);
        var name = ImageReference.Parse(Repository + ":latest-failed");
        Assert.NotNull(registry.Resolve(name));
        return Experiment.Load(name.ToString(), project.RegistryRoot);
    }

    private static IEnumerable<string> Lines(string text, string prefix) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(prefix, StringComparison.Ordinal));
}
