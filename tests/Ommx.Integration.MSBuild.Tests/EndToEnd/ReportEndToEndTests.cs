using Ommx.Integration.MSBuild.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet test -p:OmmxReport=true</c> on a scratch project consuming the packed packages (so the report's plotting
/// library must travel with the MSBuild tasks): the page lands next to the test results, its path is printed on an
/// <c>OMMX:</c> line, failing tests are listed in it, and a page that cannot be written only warns.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class ReportEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    private const string Tests = """
        using Ommx.Integration.Xunit;

        namespace E2E;

        public sealed class Knapsack
        {
            [Theory, InlineData(10), InlineData(20), InlineData(30)]
            public void Solve(int capacity)
            {
                OmmxRun.Current.LogParameter("objective", capacity * 4L);
                Assert.True(Environment.GetEnvironmentVariable("E2E_FAIL") != capacity.ToString(System.Globalization.CultureInfo.InvariantCulture), "failing on purpose <b>bold</b>");
            }
        }
        """;

    [Fact]
    public void DotnetTest_OmmxReport_PageNextToTheResultsPathPrinted_UnwritableOnlyWarns()
    {
        using var project = new ConsumerProject(feed);
        using var results = new TempDirectory();
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests }, extraProperties: "<OmmxExperimentRepository>example.com/e2e/report</OmmxExperimentRepository>");
        File.WriteAllText(Path.Combine(project.Directory, "Directory.Build.targets"), """
            <Project>
              <ItemGroup>
                <OmmxMetric Include="objective" Goal="maximize" />
              </ItemGroup>
            </Project>
            """);
        var build = project.Dotnet(["build"], inProject: "E2E");
        Assert.True(build.ExitCode == 0, build.Output);

        var failing = Test(project, ["-p:OmmxReport=true", "--results-directory", results.Path], new() { ["E2E_FAIL"] = "20" });
        Assert.Equal(1, failing.ExitCode);
        var page = Path.Combine(results.Path, "E2E-net10.0.ommx-report.html");
        Assert.Contains("OMMX: report: " + page, failing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OMMX1070", failing.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.Contains("<dd class=\"status-failed\">failed", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<tr", StringSplitOptions.None).Length - 2);
        Assert.Contains("E2E.Knapsack.Solve(capacity: 20)</strong> · failed", html, StringComparison.Ordinal);
        Assert.Contains("failing on purpose &lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"objective\"", html, StringComparison.Ordinal);

        var blocker = Path.Combine(results.Path, "a-file");
        File.WriteAllText(blocker, "x");
        var unwritable = Test(project, ["-p:OmmxReport=true", "-p:OmmxReportFile=" + Path.Combine(blocker, "report.html")], new());
        Assert.Equal(0, unwritable.ExitCode);
        Assert.Contains("warning OMMX1070: OMMX: could not write the report to " + Path.Combine(blocker, "report.html"), unwritable.Output, StringComparison.Ordinal);
        Assert.Contains("OMMX: committed example.com/e2e/report:", unwritable.Output, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) Test(ConsumerProject project, string[] arguments, Dictionary<string, string?> environment)
    {
        var result = project.Dotnet(["test", "--no-build", .. arguments], environment, "E2E");
        output.WriteLine($"--- dotnet test {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.Output}");
        return result;
    }
}
