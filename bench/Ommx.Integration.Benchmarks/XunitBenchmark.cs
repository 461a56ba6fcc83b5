using System.Diagnostics;
using System.Text;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// <c>dotnet test --no-build</c> of a 2,000-test project with the recording framework against the same
/// project without it, alternately (target: at most 1.15x).
/// </summary>
internal static class XunitBenchmark
{
    public static void Run(string work)
    {
        var tests = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_TESTS") ?? "2000", System.Globalization.CultureInfo.InvariantCulture);
        var repo = FindRepoRoot();
        var plain = Create(work, "Plain", tests, repo, recording: false);
        var recorded = Create(work, "Recorded", tests, repo, recording: true);
        var registry = Path.Combine(work, "xunit-registry");
        Dotnet(plain, registry, "build", "-c", "Release", "-nodeReuse:false");
        Dotnet(recorded, registry, "build", "-c", "Release", "-nodeReuse:false");
        Measure.SideBySide(
            $"dotnet test, {tests} trivial tests",
            rounds: 5,
            baseline: () => Dotnet(plain, registry, "test", "-c", "Release", "--no-build"),
            candidate: () => Dotnet(recorded, registry, "test", "-c", "Release", "--no-build"));
    }

    private static string Create(string work, string name, int tests, string repo, bool recording)
    {
        var dir = Path.Combine(work, name);
        Directory.CreateDirectory(dir);
        var xunit = Path.Combine(repo, "src", "Ommx.Integration.Xunit");
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><TreatWarningsAsErrors>false</TreatWarningsAsErrors></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <Using Include="Xunit" />
                {(recording ? $"<ProjectReference Include=\"{xunit}/Ommx.Integration.Xunit.csproj\" />" : string.Empty)}
              </ItemGroup>
              {(recording ? $"<Import Project=\"{xunit}/buildTransitive/Ommx.Integration.Xunit.props\" /><Import Project=\"{xunit}/buildTransitive/Ommx.Integration.Xunit.targets\" />" : string.Empty)}
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
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

    private static void Dotnet(string dir, string registry, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = registry;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed in {dir}:\n{output}");
        }
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
