using System.Diagnostics;

namespace Ommx.Integration.Xunit.Tests.TestSupport;

/// <summary>
/// A throw-away xunit test project outside the repository that uses the recording framework the way a
/// package consumer does (reference + the package's build targets), run with a real <c>dotnet test</c>
/// against its own temp registry.
/// </summary>
public sealed class ScratchProject : IDisposable
{
    private readonly TempDirectory temp = new();

    /// <param name="name">The project's name (and folder).</param>
    /// <param name="sources">Files to write into the project folder, by name.</param>
    /// <param name="extraProjectXml">Properties to add to the project file.</param>
    /// <param name="xunitVersion">The xunit the project pins, as a user's suite would.</param>
    /// <param name="withOmmx">False for the same suite without the package (the baseline a recorded run is compared with); sources see <c>OMMX</c> defined only with it.</param>
    public ScratchProject(string name, IReadOnlyDictionary<string, string> sources, string extraProjectXml = "", string xunitVersion = "2.9.3", bool withOmmx = true)
    {
        Directory = temp.Combine(name);
        System.IO.Directory.CreateDirectory(Directory);
        var repo = TestPaths.RepoRoot;
        var xunitProject = Path.Combine(repo, "src", "Ommx.Integration.Xunit", "Ommx.Integration.Xunit.csproj");
        var targets = Path.Combine(repo, "src", "Ommx.Integration.Xunit", "buildTransitive", "Ommx.Integration.Xunit");
        File.WriteAllText(Path.Combine(Directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                {(withOmmx ? "<DefineConstants>$(DefineConstants);OMMX</DefineConstants>" : string.Empty)}
                {extraProjectXml}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="{xunitVersion}" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                {(withOmmx ? $"<ProjectReference Include=\"{xunitProject}\" />" : string.Empty)}
                <Using Include="Xunit" />
                <Content Include="xunit.runner.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
              {(withOmmx ? $"<Import Project=\"{targets}.props\" /><Import Project=\"{targets}.targets\" />" : string.Empty)}
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.targets"), "<Project />");
        if (!sources.ContainsKey("xunit.runner.json"))
        {
            File.WriteAllText(Path.Combine(Directory, "xunit.runner.json"), "{\"diagnosticMessages\": true}");
        }
        // A genuine solver adapter (exhaustive search over binary variables) for tests that log a solve.
        foreach (var shared in withOmmx ? new[] { "Ommx.Integration.Tests/Adapters/ExhaustiveBinarySolver.cs", "Ommx.Integration.Tests/Adapters/ExhaustiveSearch.cs", "Ommx.Integration.TestUtilities/KnapsackInstances.cs" } : [])
        {
            File.Copy(Path.Combine(repo, "tests", shared), Path.Combine(Directory, Path.GetFileName(shared)));
        }

        foreach (var (file, text) in sources)
        {
            File.WriteAllText(Path.Combine(Directory, file), text);
        }

        RegistryRoot = temp.Combine("registry");
    }

    public string Directory { get; }

    public string RegistryRoot { get; }

    /// <summary>Runs <c>dotnet test</c>; returns the exit code and everything it printed.</summary>
    public (int ExitCode, string Output) Test(params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "test", "-p:BuildProjectReferences=false", "-nodeReuse:false", "--logger", "console;verbosity=normal" }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = RegistryRoot;
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment.Remove("OMMX_EXPERIMENT_NAME");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet test did not finish in 10 minutes:\n" + stdout.Result);
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose() => temp.Dispose();
}
