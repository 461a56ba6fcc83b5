using Ommx.Integration.Experiments;
using Ommx.Integration.MSBuild.Tests.TestSupport;
using Ommx.Integration.Registry;
using Xunit.Abstractions;

namespace Ommx.Integration.MSBuild.Tests.EndToEnd;

/// <summary>
/// The template package installed into a private hive, each template instantiated with each option outside
/// the repository, then <c>dotnet test</c> / <c>dotnet run</c>; the Experiment it records is asserted.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class TemplatesEndToEndTests(PackedFeed feed, ITestOutputHelper output)
{
    [Fact]
    public void OmmxXunit_SolverOrTools_RecordsSolvesWithOptimum41ForCapacity47()
    {
        using var work = new ConsumerProject(feed);
        New(work, "ommx-xunit", "My.Solver", "--solver", "ortools");

        var test = work.Dotnet(["test"], inProject: "My.Solver");
        output.WriteLine(test.Output);

        Assert.Equal(0, test.ExitCode);
        Assert.Contains("OMMX: committed example.com/my.solver:", test.Output, StringComparison.Ordinal);
        using var experiment = Experiment.Load("example.com/my.solver:latest", work.RegistryRoot);
        Assert.Equal(4, experiment.Runs.Count);
        var capacity47 = experiment.Runs.Single(r => r.Parameters.TryGetValue("capacity", out var c) && c.AsInt64() == 47);
        Assert.Equal(41.0, capacity47.Parameters["objective"].AsDouble());
        var solve = Assert.Single(capacity47.SolveViews);
        Assert.Equal(41.0, solve.Output!.Objective);
        Assert.Equal("Ommx.Integration.OrTools.OrToolsMilpAdapter", solve.Adapter);
        Assert.Contains(experiment.Runs, r => r.Parameters["test.method"].AsString() == "Knapsack_Capacity47_ReachesKnownOptimum41" && r.SolveViews.Single().Output!.Objective == 41);
    }

    [Fact]
    public void OmmxXunit_SolverNoneOnNet9_RecordsParametersAndJsonWithoutNativePackage()
    {
        using var work = new ConsumerProject(feed);
        New(work, "ommx-xunit", "My.Sweep", "--solver", "none", "--framework", "net9.0");
        var project = File.ReadAllText(Path.Combine(work.Directory, "My.Sweep", "My.Sweep.csproj"));
        Assert.DoesNotContain("OrTools", project, StringComparison.Ordinal);
        Assert.Contains("<TargetFramework>net9.0</TargetFramework>", project, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work.Directory, "My.Sweep", "Knapsack.cs")));

        var test = work.Dotnet(["test"], inProject: "My.Sweep");
        output.WriteLine(test.Output);

        Assert.Equal(0, test.ExitCode);
        using var experiment = Experiment.Load("example.com/my.sweep:latest", work.RegistryRoot);
        Assert.Equal([20L, 47L, 56L], experiment.Runs.Select(r => r.Parameters["capacity"].AsInt64()).Order());
        Assert.All(experiment.Runs, r => Assert.Empty(r.SolveViews));
        Assert.Equal(0.47, experiment.Runs.Single(r => r.Parameters["capacity"].AsInt64() == 47).GetJson("settings")!["load"]!.GetValue<double>());
    }

    [Fact]
    public void OmmxExperiment_DotnetRun_CommitsSweepAndPrintsInspectHint()
    {
        using var work = new ConsumerProject(feed);
        New(work, "ommx-experiment", "My.Console");

        var run = work.Dotnet(["run"], inProject: "My.Console");
        output.WriteLine(run.Output);

        Assert.Equal(0, run.ExitCode);
        var line = run.Output.Split('\n').Single(l => l.StartsWith("OMMX: committed ", StringComparison.Ordinal));
        var name = line.Split(' ')[2];
        Assert.StartsWith("example.com/my.console:", name, StringComparison.Ordinal);
        Assert.Contains($"ommx inspect {name}", run.Output, StringComparison.Ordinal);
        using var experiment = Experiment.Load(name, work.RegistryRoot);
        Assert.Equal(ExperimentStatus.Finished, experiment.Status);
        Assert.Equal(3, experiment.Runs.Count);
        Assert.Contains("sweep", experiment.AttachmentNames);
    }

    [Theory]
    [InlineData("ommx-xunit", "Bad_Name_", "example.com/bad_name")]
    [InlineData("ommx-xunit", "Über.Tests", "example.com/ber.tests")]
    [InlineData("ommx-xunit", "A..B--C", "example.com/a-b-c")]
    [InlineData("ommx-experiment", "Bad_Name_", "example.com/bad_name")]
    [InlineData("ommx-experiment", "__", "example.com/experiment")]
    public void Template_ProjectNameNotValidAsRepository_DerivesValidRepositoryName(string template, string name, string repository)
    {
        using var work = new ConsumerProject(feed);
        New(work, template, name, "--no-restore");

        var sources = string.Concat(System.IO.Directory.GetFiles(Path.Combine(work.Directory, name)).Select(File.ReadAllText));
        Assert.Contains(repository, sources, StringComparison.Ordinal);
        Assert.True(Ommx.Integration.Oci.ImageReference.TryParse(repository + ":tag", out _), repository);
    }

    private void New(ConsumerProject work, string template, string name, params string[] options)
    {
        var created = work.NewFromTemplate(template, name, options);
        output.WriteLine(created.Output);
        Assert.True(created.ExitCode == 0, created.Output);
    }
}
