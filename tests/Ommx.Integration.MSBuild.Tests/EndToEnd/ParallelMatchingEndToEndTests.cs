using Ommx.Integration.Experiments;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// Test-case matching in a real <c>dotnet test</c>: four test classes (four collections, run in parallel with random
/// pauses) recorded once in parallel and once one collection at a time, so Runs are recorded in a different order
/// with different run ids; then with a theory row added and one removed (the rows come from an environment
/// variable, so no rebuild is needed).
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ParallelMatchingEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    private static string Tests => string.Concat(Enumerable.Range(1, 4).Select(i => $$"""
        public sealed class Sweep{{i}}
        {
            public static IEnumerable<object[]> Sizes() =>
                (Environment.GetEnvironmentVariable("E2E_SIZES") ?? "1,2,3,4,5,6,7,8").Split(',').Select(s => new object[] { int.Parse(s) });

            [Theory, MemberData(nameof(Sizes))]
            public void Solve(int size)
            {
                Thread.Sleep(Random.Shared.Next(0, 15));
                Ommx.Integration.Xunit.OmmxRun.Current.LogParameter("objective", size * {{i}});
            }
        }

        """)).Insert(0, "namespace E2E;\n\n");

    [Fact]
    public void DotnetTest_SameSuiteInAnotherOrderThenRowsAddedAndRemoved_GateMatchesEveryCaseByItsKey()
    {
        using var project = new ConsumerProject(feed);
        project.AddProject("E2E", new Dictionary<string, string> { ["Tests.cs"] = Tests }, extraProperties: "<OmmxExperimentRepository>example.com/e2e/parallel</OmmxExperimentRepository>");
        var build = project.Dotnet(["build"], inProject: "E2E");
        Assert.True(build.ExitCode == 0, build.Output);
        const string baseline = "example.com/e2e/parallel:base";

        var parallel = Test(project, ["-p:OmmxExperimentName=" + baseline, "--", "xUnit.MaxParallelThreads=4"], []);
        Assert.Equal(0, parallel.ExitCode);
        var serial = Test(project, ["-p:OmmxBaseline=" + baseline, "--", "xUnit.ParallelizeTestCollections=false"], []);
        Assert.Equal(0, serial.ExitCode);
        Assert.Contains($"OMMX: against baseline {baseline}: 0 broke, 0 fixed, 0 still failing, 0 new, 0 removed, 0 regressed, 0 improved, 32 unchanged", serial.Output, StringComparison.Ordinal);

        // The two Experiments really recorded the cases in different orders (else the match above proves nothing).
        using (var before = Experiment.Load(baseline, project.RegistryRoot))
        using (var after = Experiment.Load("example.com/e2e/parallel:latest", project.RegistryRoot))
        {
            static string[] Order(Experiment e) => [.. e.Runs.OrderBy(r => r.Id).Select(r => r.Parameters["test.id"].AsString())];
            Assert.NotEqual(Order(before), Order(after));
            Assert.Equal(Order(before).Order(StringComparer.Ordinal), Order(after).Order(StringComparer.Ordinal));
        }

        var changed = Test(project, ["-p:OmmxBaseline=" + baseline], new() { ["E2E_SIZES"] = "2,3,4,5,6,7,8,9" });
        Assert.Equal(0, changed.ExitCode);
        Assert.Contains($"OMMX: against baseline {baseline}: 0 broke, 0 fixed, 0 still failing, 4 new, 4 removed, 0 regressed, 0 improved, 28 unchanged", changed.Output, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) Test(ConsumerProject project, string[] arguments, Dictionary<string, string?> environment)
    {
        var result = project.Dotnet(["test", "--no-build", .. arguments], environment, "E2E");
        output.WriteLine($"--- dotnet test {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.Output}");
        return result;
    }
}
