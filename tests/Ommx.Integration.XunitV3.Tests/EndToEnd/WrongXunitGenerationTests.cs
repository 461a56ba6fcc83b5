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
