using Ommx.Integration.XunitV3.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.XunitV3.Tests.EndToEnd;

/// <summary>Each package in a project of the other xunit generation stops the build with an OMMX error naming the right package.</summary>
[Trait("Category", "EndToEnd")]
[Collection(V3EndToEndCollection.Name)]
public sealed class WrongXunitGenerationTests(V3PackedFeed feed, ITestOutputHelper output)
{
    private const string Test = "namespace E2E; public sealed class T { [Fact] public void Passes() { } }";

    [Fact]
    public void Build_V2PackageInXunitV3Project_OMMX1090NamingTheV3Package()
    {
        using var consumer = new V3Consumer(feed);
        consumer.AddProject("E2E", new Dictionary<string, string> { ["T.cs"] = Test }, V3Packages.XunitV3Latest, ommxPackage: "Ommx.Integration.Xunit");

        var build = consumer.Dotnet(["build"], inProject: "E2E");
        output.WriteLine(build.Output);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error OMMX1090", build.Output, StringComparison.Ordinal);
        Assert.Contains("Ommx.Integration.XunitV3", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0433", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_V2PackageInLibraryOnXunitV3Extensibility_OMMX1090NotCS0433()
    {
        // A library of shared test helpers, not a test project: no test SDK, no test platform, xunit v3 by its
        // extensibility package. The check used to run in test projects only, and such a library got CS0433.
        using var consumer = new V3Consumer(feed, testingPlatform: false);
        consumer.AddProject(
            "Helpers",
            new Dictionary<string, string> { ["H.cs"] = "namespace Helpers; public static class H { public static Xunit.FactAttribute Make() => new(); }" },
            """<PackageReference Include="xunit.v3.extensibility.core" Version="4.0.3" />""",
            ommxPackage: "Ommx.Integration.Xunit",
            extraProperties: "<OutputType>Library</OutputType>");

        var build = consumer.Dotnet(["build"], inProject: "Helpers");
        output.WriteLine(build.Output);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error OMMX1090", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0433", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_V3PackageInXunitV2Project_OMMX1091NamingTheV2Package()
    {
        using var consumer = new V3Consumer(feed, testingPlatform: false);
        consumer.AddProject("E2E", new Dictionary<string, string> { ["T.cs"] = Test }, V3Packages.XunitV2);

        var build = consumer.Dotnet(["build"], inProject: "E2E");
        output.WriteLine(build.Output);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error OMMX1091", build.Output, StringComparison.Ordinal);
        Assert.Contains("Ommx.Integration.Xunit ", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0433", build.Output, StringComparison.Ordinal);
    }
}
