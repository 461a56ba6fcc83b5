using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.XunitV3.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.XunitV3.Tests.EndToEnd;

/// <summary>Multi-targeted projects, solutions, VSTest mode and a solution mixing xunit v2 and v3 projects.</summary>
[Trait("Category", "EndToEnd")]
[Collection(V3EndToEndCollection.Name)]
public sealed class SolutionEndToEndTests(V3PackedFeed feed, ITestOutputHelper output)
{
    /// <summary>The annotation naming an Experiment's target framework (AnnotationKeys.TargetFramework in the core).</summary>
    private const string TargetFrameworkAnnotation = "io.github.ommx-integration.target-framework";

    private static string Tests(string ns, string omxUsing) => $$"""
        using {{omxUsing}};

        namespace {{ns}};

        public sealed class Steps
        {
            private static string Mode => Environment.GetEnvironmentVariable("E2E_MODE") ?? "pass";

            [Fact] public void A_Passes() => OmmxRun.Current.LogParameter("step", 1L);

            [Fact] public void B_FailsInFailMode() => Assert.True(Mode != "fail", "failing on purpose");

            [Fact]
            public void C_CrashesInCrashMode()
            {
                if (Mode == "crash")
                {
                    Environment.FailFast("crashing on purpose");
                }
            }
        }
        """;

    [Fact]
    public void DotnetTest_TestingPlatform_MultiTargetedProject_OneCommitPerFramework()
    {
        using var consumer = new V3Consumer(feed);
        consumer.AddProject("Multi", new Dictionary<string, string> { ["Tests.cs"] = Tests("Multi", "Ommx.Integration.XunitV3") }, V3Packages.XunitV3Latest, targetFrameworks: "net9.0;net10.0", extraProperties: "<OmmxExperimentRepository>example.com/e2e/multi</OmmxExperimentRepository>");

        var test = consumer.Dotnet(["test"], inProject: "Multi");
        output.WriteLine(test.Output);

        Assert.Equal(0, test.ExitCode);
        var frameworks = Commits(consumer, "example.com/e2e/multi").Select(e => e.Annotations[TargetFrameworkAnnotation]).Order().ToList();
        Assert.Equal(["net10.0", "net9.0"], frameworks);
    }

    [Fact]
    public void DotnetTest_TestingPlatform_ThreeProjectSolution_EachProjectCommitsItsOwnExperiment()
    {
        using var consumer = new V3Consumer(feed);
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
        {
            consumer.AddProject(name, new Dictionary<string, string> { ["Tests.cs"] = Tests(name, "Ommx.Integration.XunitV3") }, V3Packages.XunitV3Latest, extraProperties: $"<OmmxExperimentRepository>example.com/e2e/{name.ToLowerInvariant()}</OmmxExperimentRepository>");
        }

        CreateSolution(consumer, "Alpha", "Beta", "Gamma");
        var test = consumer.Dotnet(["test", "--solution", "All.slnx"]);
        output.WriteLine(test.Output);

        Assert.Equal(0, test.ExitCode);
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            Assert.Equal(3, Assert.Single(Commits(consumer, $"example.com/e2e/{name}")).RunCount);
        }
    }

    [Fact]
    public void DotnetTest_VSTest_XunitV3_PassFailCrashFinishedByTheMSBuildStep()
    {
        using var consumer = new V3Consumer(feed, testingPlatform: false);
        consumer.AddProject("OnVSTest", new Dictionary<string, string> { ["Tests.cs"] = Tests("OnVSTest", "Ommx.Integration.XunitV3") }, V3Packages.XunitV3OnVSTest, extraProperties: "<OmmxExperimentRepository>example.com/e2e/vstest</OmmxExperimentRepository>");
        Assert.Equal(0, consumer.Dotnet(["build"], inProject: "OnVSTest").ExitCode);

        var pass = Test(consumer, "OnVSTest", "pass");
        Assert.Equal(0, pass.ExitCode);
        Assert.Contains("OMMX: committed example.com/e2e/vstest:", pass.Output, StringComparison.Ordinal);
        var fail = Test(consumer, "OnVSTest", "fail");
        Assert.Equal(1, fail.ExitCode);
        Assert.Contains("OMMX1020", fail.Output, StringComparison.Ordinal);
        var crash = Test(consumer, "OnVSTest", "crash");
        Assert.Equal(1, crash.ExitCode);
        Assert.Contains("OMMX1021", crash.Output, StringComparison.Ordinal);
        using var experiment = Experiment.Load("example.com/e2e/vstest:latest-failed", consumer.RegistryRoot);
        Assert.Equal(ExperimentStatus.Interrupted, experiment.Status);
        Assert.Contains("while running OnVSTest.Steps.C_CrashesInCrashMode", experiment.LifecycleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetTest_SolutionMixingXunitV2AndV3_RefusedInTestingPlatformMode_RecordsBothInVSTestMode()
    {
        using var consumer = new V3Consumer(feed, testingPlatform: false);
        consumer.AddProject("Two", new Dictionary<string, string> { ["Tests.cs"] = Tests("Two", "Ommx.Integration.Xunit") }, V3Packages.XunitV2, ommxPackage: "Ommx.Integration.Xunit", extraProperties: "<OmmxExperimentRepository>example.com/e2e/two</OmmxExperimentRepository>");
        consumer.AddProject("Three", new Dictionary<string, string> { ["Tests.cs"] = Tests("Three", "Ommx.Integration.XunitV3") }, V3Packages.XunitV3OnVSTest, extraProperties: "<OmmxExperimentRepository>example.com/e2e/three</OmmxExperimentRepository>");
        CreateSolution(consumer, "Two", "Three");

        var vstest = consumer.Dotnet(["test", "All.slnx"]);
        output.WriteLine(vstest.Output);
        Assert.Equal(0, vstest.ExitCode);
        Assert.Single(Commits(consumer, "example.com/e2e/two"));
        Assert.Single(Commits(consumer, "example.com/e2e/three"));

        File.WriteAllText(Path.Combine(consumer.Directory, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        var testingPlatform = consumer.Dotnet(["test", "--solution", "All.slnx"]);
        output.WriteLine(testingPlatform.Output);
        Assert.NotEqual(0, testingPlatform.ExitCode);
    }

    private static void CreateSolution(V3Consumer consumer, params string[] projects)
    {
        Assert.Equal(0, consumer.Dotnet(["new", "sln", "-n", "All", "--format", "slnx"]).ExitCode);
        foreach (var project in projects)
        {
            Assert.Equal(0, consumer.Dotnet(["sln", "All.slnx", "add", Path.Combine(project, project + ".csproj")]).ExitCode);
        }
    }

    private (int ExitCode, string Output) Test(V3Consumer consumer, string project, string mode)
    {
        var result = consumer.Dotnet(["test", "--no-build"], new Dictionary<string, string?> { ["E2E_MODE"] = mode }, project);
        output.WriteLine($"--- {mode}: exit {result.ExitCode}\n{result.Output}");
        return result;
    }

    private static List<ExperimentRecord> Commits(V3Consumer consumer, string repository)
    {
        using var registry = LocalRegistry.Open(consumer.RegistryRoot);
        return [.. ExperimentCatalog.List(registry, repository + ":").Experiments
            .Where(e => e.Status == ExperimentStatus.Finished && !e.ImageName.EndsWith(":latest", StringComparison.Ordinal))];
    }
}
