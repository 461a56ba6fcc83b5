using Ommx.Integration.Experiments;
using Ommx.Integration.XunitV3.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.XunitV3.Tests.EndToEnd;

/// <summary><c>dotnet new ommx-xunit --xunit v3</c> from the packed template package, outside the repository, then <c>dotnet test</c>.</summary>
[Trait("Category", "EndToEnd")]
[Collection(V3EndToEndCollection.Name)]
public sealed class TemplateV3Tests(V3PackedFeed feed, ITestOutputHelper output)
{
    [Fact]
    public void OmmxXunit_XunitV3_TestingPlatformProjectRecordsOutOfTheBox()
    {
        // Without the repository's global.json around it: the template's own global.json is what selects the runner.
        using var work = new V3Consumer(feed, testingPlatform: false);
        File.Delete(Path.Combine(work.Directory, "global.json"));
        var hive = Path.Combine(work.Directory, ".hive");
        var install = work.Dotnet(["new", "install", feed.TemplatesPackage, "--debug:custom-hive", hive]);
        Assert.True(install.ExitCode == 0, install.Output);
        var created = work.Dotnet(["new", "ommx-xunit", "-n", "My.V3", "-o", "My.V3", "--xunit", "v3", "--solver", "none", "--no-update-check", "--debug:custom-hive", hive]);
        Assert.True(created.ExitCode == 0, created.Output);

        var project = File.ReadAllText(Path.Combine(work.Directory, "My.V3", "My.V3.csproj"));
        Assert.Contains("\"xunit.v3\"", project, StringComparison.Ordinal);
        Assert.Contains("Ommx.Integration.XunitV3", project, StringComparison.Ordinal);
        Assert.DoesNotContain("xunit.runner.visualstudio", project, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Testing.Platform", File.ReadAllText(Path.Combine(work.Directory, "My.V3", "global.json")), StringComparison.Ordinal);

        var test = work.Dotnet(["test"], inProject: "My.V3");
        output.WriteLine(test.Output);

        Assert.Equal(0, test.ExitCode);
        using var experiment = Experiment.Load("example.com/my.v3:latest", work.RegistryRoot);
        Assert.Equal(ExperimentStatus.Finished, experiment.Status);
        Assert.Equal([20L, 47L, 56L], experiment.Runs.Select(r => r.Parameters["capacity"].AsInt64()).Order());
    }

    [Fact]
    public void OmmxXunit_Default_StaysXunitV2WithoutGlobalJson()
    {
        using var work = new V3Consumer(feed, testingPlatform: false);
        var hive = Path.Combine(work.Directory, ".hive");
        Assert.Equal(0, work.Dotnet(["new", "install", feed.TemplatesPackage, "--debug:custom-hive", hive]).ExitCode);
        var created = work.Dotnet(["new", "ommx-xunit", "-n", "My.V2", "-o", "My.V2", "--solver", "none", "--no-restore", "--no-update-check", "--debug:custom-hive", hive]);
        Assert.True(created.ExitCode == 0, created.Output);

        var project = File.ReadAllText(Path.Combine(work.Directory, "My.V2", "My.V2.csproj"));
        Assert.Contains("\"Ommx.Integration.Xunit\"", project, StringComparison.Ordinal);
        Assert.DoesNotContain("xunit.v3", project, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work.Directory, "My.V2", "global.json")));
    }
}
