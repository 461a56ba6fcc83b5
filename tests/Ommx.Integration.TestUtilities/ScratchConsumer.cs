namespace Ommx.Integration.TestUtilities;

/// <summary>
/// Test projects in a temp folder outside the repository, consuming the packed packages exactly as a user would: a
/// PackageReference, a nuget.config whose <c>Ommx.*</c> packages come from the packed feed, no repository build files.
/// They record into their own temp registry. Each end-to-end test project derives from it with the package references
/// of the test framework it targets.
/// </summary>
public abstract class ScratchConsumer : IDisposable
{
    private readonly TempDirectory temp = new();

    protected ScratchConsumer(PackedPackages feed)
    {
        Feed = feed ?? throw new ArgumentNullException(nameof(feed));
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
    }

    public string Directory { get; }

    public string RegistryRoot { get; }

    protected PackedPackages Feed { get; }

    /// <summary>Runs <c>dotnet &lt;args&gt;</c> in the work folder (or project <paramref name="inProject"/>'s folder) against this registry.</summary>
    public (int ExitCode, string Output) Dotnet(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? inProject = null, bool inTerminal = false)
    {
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Feed.PackageCache,
            ["OMMX_LOCAL_REGISTRY_ROOT"] = RegistryRoot,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return TestUtilities.Dotnet.Run(inProject is null ? Directory : Path.Combine(Directory, inProject), arguments, env, inTerminal: inTerminal);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Writes <paramref name="name"/>/<paramref name="name"/>.csproj (a single framework, or several with
    /// <c>RollForward=Major</c>) with the given properties and items, and the sources beside it.
    /// </summary>
    protected string WriteProject(string name, IReadOnlyDictionary<string, string> sources, string targetFrameworks, string properties, string items)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targetFrameworks);
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
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
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

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            temp.Dispose();
        }
    }
}
