using Ommx.Integration.XunitV3.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.XunitV3.Tests.EndToEnd;

/// <summary>
/// The regression gate and the summary file under the test host controller (<c>dotnet test</c> in
/// Microsoft.Testing.Platform mode), where no MSBuild step runs after the tests: the settings are baked into the test
/// assembly and the controller runs the same follow-up as <c>OmmxFinishTestRun</c>.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(V3EndToEndCollection.Name)]
public sealed class FollowUpEndToEndTests(V3PackedFeed feed, ITestOutputHelper output)
{
    private const string Baseline = "example.com/e2e/gate:base";

    private const string Tests = """
        using Ommx.Integration.XunitV3;

        namespace E2E;

        public sealed class Knapsack
        {
            [Theory, InlineData(10), InlineData(20)]
            public void Solve(int capacity)
            {
                var worse = capacity == 20 && Environment.GetEnvironmentVariable("E2E_WORSE") == "1";
                OmmxRun.Current.LogParameter("objective", capacity * 4L - (worse ? 9 : 0));
            }

            [Fact]
            public void Other() { }
        }
        """;

    [Fact]
    public void DotnetTest_TestingPlatform_FailOnRegressionFailsAPassingRun_SummaryFileWritten_UnchangedWithoutGate()
    {
        using var consumer = new V3Consumer(feed);
        consumer.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests }, V3Packages.XunitV3Latest, extraProperties: """
            <OmmxExperimentRepository>example.com/e2e/gate</OmmxExperimentRepository>
            </PropertyGroup>
            <ItemGroup>
              <OmmxMetric Include="objective" Goal="maximize" Tolerance="1e-6" />
            </ItemGroup>
            <PropertyGroup>
            """);

        var recorded = Test(consumer, ["-p:OmmxExperimentName=" + Baseline], worse: false);
        Assert.Equal(0, recorded.ExitCode);

        // The same regression without a gate: the tests pass and the run passes.
        var ungated = Test(consumer, [], worse: true);
        Assert.Equal(0, ungated.ExitCode);

        var strict = Test(consumer, ["-p:OmmxBaseline=" + Baseline, "-p:OmmxFailOnRegression=true"], worse: true);
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("failed: 0", strict.Output, StringComparison.Ordinal);
        Assert.Contains($"OMMX: against baseline {Baseline}: 0 broke, 0 fixed, 0 still failing, 0 new, 0 removed, 1 regressed, 0 improved, 2 unchanged", strict.Output, StringComparison.Ordinal);
        Assert.Contains("error OMMX1062: OMMX: regressed against baseline: E2E.Knapsack.Solve(capacity: 20): objective 80 → 71 (maximize)", strict.Output, StringComparison.Ordinal);

        var summary = Path.Combine(consumer.Directory, "summary.md");
        File.WriteAllText(summary, "# build\n");
        var lenient = Test(consumer, ["-p:OmmxSummaryFile=" + summary, "-p:OmmxBaseline=" + Baseline], worse: true);
        Assert.Equal(0, lenient.ExitCode);
        var markdown = File.ReadAllText(summary).ReplaceLineEndings("\n");
        Assert.StartsWith("# build\n\n### OMMX diff: `" + Baseline + "` → `example.com/e2e/gate:", markdown, StringComparison.Ordinal);
        Assert.Contains("E2E.Knapsack.Solve(capacity: 20)", markdown, StringComparison.Ordinal);
        var resultFile = System.Text.RegularExpressions.Regex.Match(lenient.Output, @"(\S*/ommx-committed-\S+\.txt)");
        Assert.True(resultFile.Success, lenient.Output);
        Assert.Contains("warning OMMX1061: OMMX: regressed against baseline: E2E.Knapsack.Solve(capacity: 20)", File.ReadAllText(resultFile.Groups[1].Value), StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) Test(V3Consumer consumer, string[] properties, bool worse)
    {
        var result = consumer.Dotnet(["test", .. properties], new Dictionary<string, string?> { ["E2E_WORSE"] = worse ? "1" : "0" }, "E2E");
        output.WriteLine($"--- dotnet test {string.Join(' ', properties)} worse={worse}: exit {result.ExitCode}\n{result.Output}");
        return result;
    }
}
