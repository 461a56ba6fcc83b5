using Ommx.Integration.MSBuild.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// The regression gate (<c>OmmxBaseline</c>) in a real <c>dotnet test</c> of a scratch project consuming the packed
/// packages: a knapsack-like theory recorded as the baseline and pushed to a real registry on loopback, then recorded
/// again into another Local Registry (so the baseline is pulled) with one capacity made worse.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class BaselineGateEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    private const string Tests = """
        using Ommx.Integration.Xunit;

        namespace E2E;

        public sealed class Knapsack
        {
            [Theory, InlineData(10), InlineData(20), InlineData(30)]
            public void Solve(int capacity)
            {
                // E2E_WORSE_CAPACITY plays a weaker solver setting for that capacity.
                var worse = Environment.GetEnvironmentVariable("E2E_WORSE_CAPACITY") == capacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
                OmmxRun.Current.LogParameter("objective", capacity * 4L - (worse ? 9 : 0));
            }
        }
        """;

    [Fact]
    public void DotnetTest_BaselineFromRegistry_FailOnRegressionExits1NamingTheCase_WarningsOtherwise_MissingBaselineWarns()
    {
        using var remote = new DistributionRegistry();
        using var headRoot = new TempDirectory();
        Directory.CreateDirectory(headRoot.Path);
        var baseline = $"{remote.Host}/e2e/knapsack:base";
        using var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests }, extraProperties: "<OmmxExperimentRepository>example.com/e2e/knapsack</OmmxExperimentRepository>");
        File.WriteAllText(Path.Combine(project.Directory, "Directory.Build.targets"), """
            <Project>
              <ItemGroup>
                <OmmxMetric Include="objective" Goal="maximize" Tolerance="1e-6" />
              </ItemGroup>
            </Project>
            """);
        var build = project.Dotnet(["build"], inProject: "E2E");
        Assert.True(build.ExitCode == 0, build.Output);

        var recorded = Test(project, ["-p:OmmxExperimentName=" + baseline, "-p:OmmxPushAfterCommit=true"], new());
        Assert.Equal(0, recorded.ExitCode);
        Assert.Contains($"OMMX: Pushed {baseline}", recorded.Output, StringComparison.Ordinal);

        // Head runs record into another Local Registry: the baseline is pulled from the registry.
        var worse = new Dictionary<string, string?> { ["E2E_WORSE_CAPACITY"] = "20", ["OMMX_LOCAL_REGISTRY_ROOT"] = headRoot.Path };
        var strict = Test(project, ["-p:OmmxBaseline=" + baseline, "-p:OmmxFailOnRegression=true"], worse);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains($"OMMX: against baseline {baseline}: 0 broke, 0 fixed, 0 still failing, 0 new, 0 removed, 1 regressed, 0 improved, 2 unchanged", strict.Output, StringComparison.Ordinal);
        Assert.Contains("error OMMX1062: OMMX: regressed against baseline: E2E.Knapsack.Solve(capacity: 20): objective 80 → 71 (maximize)", strict.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("capacity: 10)", strict.Output, StringComparison.Ordinal);
        Assert.Contains("OMMX: committed example.com/e2e/knapsack:", strict.Output, StringComparison.Ordinal);

        // OMMX_BASELINE from the environment, no FailOnRegression: the tests decide the exit code; the summary file is appended to.
        var summary = Path.Combine(headRoot.Path, "step-summary.md");
        File.WriteAllText(summary, "# build\n");
        var lenient = Test(project, ["-p:OmmxSummaryFile=" + summary], new(worse) { ["OMMX_BASELINE"] = baseline });
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("warning OMMX1061: OMMX: regressed against baseline: E2E.Knapsack.Solve(capacity: 20): objective 80 → 71 (maximize)", lenient.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error OMMX", lenient.Output, StringComparison.Ordinal);
        var markdown = File.ReadAllText(summary);
        Assert.StartsWith("# build\n\n### OMMX diff: `" + baseline + "` → `example.com/e2e/knapsack:", markdown, StringComparison.Ordinal);
        Assert.Contains("E2E.Knapsack.Solve(capacity: 20)", markdown, StringComparison.Ordinal);

        var missing = Test(project, [$"-p:OmmxBaseline={remote.Host}/e2e/knapsack:missing"], new() { ["OMMX_LOCAL_REGISTRY_ROOT"] = headRoot.Path });
        Assert.Equal(0, missing.ExitCode);
        Assert.Contains($"warning OMMX1063: OMMX: baseline {remote.Host}/e2e/knapsack:missing could not be loaded", missing.Output, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) Test(ConsumerProject project, string[] arguments, Dictionary<string, string?> environment)
    {
        var result = project.Dotnet(["test", "--no-build", .. arguments], environment, "E2E");
        output.WriteLine($"--- dotnet test {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.Output}");
        return result;
    }
}
