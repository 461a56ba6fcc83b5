using Ommx.Integration.Experiments;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet test</c> on a solution of three test projects (one of them multi-targeted) run in parallel
/// against one registry: one Experiment per project and target framework, none lost.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class SolutionEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    private static string Source(string ns, int facts) => $$"""
        using Ommx.Integration.Xunit;

        namespace {{ns}};

        public sealed class Tests
        {
            [Theory, {{string.Join(", ", Enumerable.Range(1, facts).Select(i => $"InlineData({i})"))}}]
            public void Case(int i) => OmmxRun.Current.LogParameter("i", (long)i);
        }
        """;

    [Fact]
    public void DotnetTestSolution_ThreeProjectsOneMultiTargeted_OneExperimentPerProjectAndFramework()
    {
        using var solution = new ConsumerProject(feed);
        solution.AddProject("Alpha", new Dictionary<string, string> { ["Tests.cs"] = Source("Alpha", 3) }, extraProperties: "<OmmxExperimentRepository>example.com/e2e/alpha</OmmxExperimentRepository>");
        solution.AddProject("Beta", new Dictionary<string, string> { ["Tests.cs"] = Source("Beta", 4) }, extraProperties: "<OmmxExperimentRepository>example.com/e2e/beta</OmmxExperimentRepository>");
        solution.AddProject("Gamma", new Dictionary<string, string> { ["Tests.cs"] = Source("Gamma", 5) }, "net9.0;net10.0", "<OmmxExperimentRepository>example.com/e2e/gamma</OmmxExperimentRepository>");
        Assert.Equal(0, solution.Dotnet(["new", "sln", "-n", "All"]).ExitCode);
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
        {
            Assert.Equal(0, solution.Dotnet(["sln", "add", $"{name}/{name}.csproj"]).ExitCode);
        }

        var sln = Directory.EnumerateFiles(solution.Directory, "All.sln*").Single();
        var test = solution.Dotnet(["test", sln]);
        output.WriteLine(test.Output);

        Assert.Equal(0, test.ExitCode);
        using var registry = LocalRegistry.Open(solution.RegistryRoot);
        var experiments = ExperimentCatalog.List(registry, "example.com/e2e/").Experiments
            .Where(e => !e.ImageName.EndsWith(":latest", StringComparison.Ordinal))
            .ToList();
        var byProject = experiments
            .Select(e => (Project: e.Annotations[AnnotationKeys.Project], Framework: e.Annotations[AnnotationKeys.TargetFramework], e.RunCount, e.Status))
            .OrderBy(e => e.Project, StringComparer.Ordinal).ThenBy(e => e.Framework, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [("Alpha", "net10.0", 3, ExperimentStatus.Finished), ("Beta", "net10.0", 4, ExperimentStatus.Finished), ("Gamma", "net10.0", 5, ExperimentStatus.Finished), ("Gamma", "net9.0", 5, ExperimentStatus.Finished)],
            byProject);
        Assert.Equal(4, test.Output.Split('\n').Count(l => l.Contains("OMMX: committed ", StringComparison.Ordinal)));
    }
}
