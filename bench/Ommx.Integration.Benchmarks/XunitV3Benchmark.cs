using System.Globalization;
using System.Text;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// The recording cost for xunit v3 under Microsoft.Testing.Platform: <c>dotnet test --no-build</c> (MTP mode, set by
/// the work folder's global.json) of a project consuming the packed <c>Ommx.Integration.XunitV3</c> against the same
/// project without it, round-robin; prints the ratio. The recorded run includes the test host controller process the
/// package adds and its commit after the host exits.
/// </summary>
internal static class XunitV3Benchmark
{
    public static void Run(string work)
    {
        var tests = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_TESTS")?.Split(',')[0] ?? "2000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_ROUNDS") ?? "7", CultureInfo.InvariantCulture);
        var feed = Path.Combine(work, "feed");
        var version = DotnetTestRuns.NewVersion();
        DotnetTestRuns.Pack(feed, version, "Ommx.Integration", "Ommx.Integration.XunitV3");
        File.WriteAllText(Path.Combine(work, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        var registry = Path.Combine(work, "registry");
        var plain = Create(work, $"PlainV3{tests}", tests, feed, version, recording: false);
        var recorded = Create(work, $"RecordedV3{tests}", tests, feed, version, recording: true);
        DotnetTestRuns.Run(plain, registry, "build", "-c", "Release", "-nodeReuse:false");
        DotnetTestRuns.Run(recorded, registry, "build", "-c", "Release", "-nodeReuse:false");
        var none = new Dictionary<string, string>();
        var samples = DotnetTestRuns.RoundRobin(rounds, () => DotnetTestRuns.TimeTest(plain, registry, none), () => DotnetTestRuns.TimeTest(recorded, registry, none));
        var (p, r) = (DotnetTestRuns.Median(samples[0].Select(s => s.Seconds)), DotnetTestRuns.Median(samples[1].Select(s => s.Seconds)));
        Console.WriteLine($"dotnet test (Microsoft.Testing.Platform, xunit.v3 4.0.3), {tests:N0} trivial tests ({rounds} rounds, medians): plain {p:F3} s; with Ommx.Integration.XunitV3 {r:F3} s = {r / p:F2}x");
    }

    private static string Create(string work, string name, int tests, string feed, string version, bool recording)
    {
        var dir = Path.Combine(work, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings><IsPackable>false</IsPackable></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="xunit.v3" Version="4.0.3" />
                <Using Include="Xunit" />
                {(recording ? $"<PackageReference Include=\"Ommx.Integration.XunitV3\" Version=\"{version}\" />" : string.Empty)}
              </ItemGroup>
              {(recording ? "<PropertyGroup><OmmxExperimentRepository>example.com/bench/xunitv3</OmmxExperimentRepository></PropertyGroup>" : string.Empty)}
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), DotnetTestRuns.NuGetConfig(feed));
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        var code = new StringBuilder("namespace Bench;\n");
        for (var c = 0; c < tests / 100; c++)
        {
            code.Append("public class C").Append(c).Append(" {\n");
            for (var t = 0; t < 100; t++)
            {
                code.Append("  [Fact] public void T").Append(t).Append("() => Assert.True(").Append(t).Append(" >= 0);\n");
            }

            code.Append("}\n");
        }

        File.WriteAllText(Path.Combine(dir, "Tests.cs"), code.ToString());
        return dir;
    }
}
