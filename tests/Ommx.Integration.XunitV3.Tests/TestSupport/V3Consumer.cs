using Ommx.Integration.MSBuild.Tests.TestSupport;

namespace Ommx.Integration.XunitV3.Tests.TestSupport;

/// <summary>
/// xunit v3 test projects in a temp folder outside the repository, consuming the packed packages as a user would (a
/// PackageReference, a nuget.config, no repo build files), recording into their own temp registry. With
/// <c>testingPlatform</c> the folder's global.json puts <c>dotnet test</c> in Microsoft.Testing.Platform mode.
/// </summary>
public sealed class V3Consumer : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly V3PackedFeed feed;

    public V3Consumer(V3PackedFeed feed, bool testingPlatform = true)
    {
        this.feed = feed;
        Directory = temp.Combine("work");
        System.IO.Directory.CreateDirectory(Directory);
        RegistryRoot = temp.Combine("registry");
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Ommx.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(Directory, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        var sdk = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "global.json"));
        var version = System.Text.Json.JsonDocument.Parse(sdk).RootElement.GetProperty("sdk").GetProperty("version").GetString();
        File.WriteAllText(Path.Combine(Directory, "global.json"), testingPlatform
            ? $$"""{ "sdk": { "version": "{{version}}", "rollForward": "latestFeature" }, "test": { "runner": "Microsoft.Testing.Platform" } }"""
            : $$"""{ "sdk": { "version": "{{version}}", "rollForward": "latestFeature" } }""");
    }

    public string Directory { get; }

    public string RegistryRoot { get; }

    /// <summary>
    /// Adds <paramref name="name"/>/<paramref name="name"/>.csproj: the given package references (xunit and, unless
    /// <paramref name="withOmmx"/> is false, the OMMX package <paramref name="ommxPackage"/>); sources see <c>OMMX</c>
    /// defined only with it.
    /// </summary>
    public string AddProject(string name, IReadOnlyDictionary<string, string> sources, string packages, bool withOmmx = true, string ommxPackage = "Ommx.Integration.XunitV3", string targetFrameworks = "net10.0", string extraProperties = "")
    {
        var dir = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(dir);
        var frameworks = targetFrameworks.Contains(';', StringComparison.Ordinal)
            ? $"<TargetFrameworks>{targetFrameworks}</TargetFrameworks><RollForward>Major</RollForward>"
            : $"<TargetFramework>{targetFrameworks}</TargetFramework>";
        var path = Path.Combine(dir, name + ".csproj");
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {frameworks}
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                {(withOmmx ? "<DefineConstants>$(DefineConstants);OMMX</DefineConstants>" : string.Empty)}
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                {packages}
                {(withOmmx ? $"<PackageReference Include=\"{ommxPackage}\" Version=\"{feed.Version}\" />" : string.Empty)}
                <Using Include="Xunit" />
              </ItemGroup>
            </Project>
            """);
        foreach (var (file, text) in sources)
        {
            File.WriteAllText(Path.Combine(dir, file), text);
        }

        return path;
    }

    /// <summary>Runs <c>dotnet &lt;args&gt;</c> in the work folder (or project <paramref name="inProject"/>'s folder) against this registry.</summary>
    public (int ExitCode, string Output) Dotnet(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? inProject = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = feed.PackageCache,
            ["OMMX_LOCAL_REGISTRY_ROOT"] = RegistryRoot,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return MSBuild.Tests.TestSupport.Dotnet.Run(inProject is null ? Directory : Path.Combine(Directory, inProject), arguments, env);
    }

    public void Dispose() => temp.Dispose();
}
