using System.Diagnostics;
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
        var repo = FindRepoRoot();
        var feed = Path.Combine(work, "feed");
        var version = "0.0.0-bench." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Console.WriteLine($"packing Ommx.Integration, .XunitV3 {version} into {feed}");
        foreach (var package in new[] { "Ommx.Integration", "Ommx.Integration.XunitV3" })
        {
            Dotnet(repo, null, "pack", Path.Combine("src", package), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
        }

        File.WriteAllText(Path.Combine(work, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        var registry = Path.Combine(work, "registry");
        var plain = Create(work, $"PlainV3{tests}", tests, feed, version, recording: false);
        var recorded = Create(work, $"RecordedV3{tests}", tests, feed, version, recording: true);
        Dotnet(plain, registry, "build", "-c", "Release", "-nodeReuse:false");
        Dotnet(recorded, registry, "build", "-c", "Release", "-nodeReuse:false");
        var plainTimes = new List<double>();
        var recordedTimes = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // Round-robin, so a slow spell of the machine hits both alike.
            plainTimes.Add(Measure.Time(() => Dotnet(plain, registry, "test", "-c", "Release", "--no-build")));
            recordedTimes.Add(Measure.Time(() => Dotnet(recorded, registry, "test", "-c", "Release", "--no-build")));
        }

        var (p, r) = (Median(plainTimes), Median(recordedTimes));
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
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="bench" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
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

    private static void Dotnet(string dir, string? registry, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        if (registry is not null)
        {
            info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = registry;
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed in {dir}:\n{output}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ommx.Integration.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
