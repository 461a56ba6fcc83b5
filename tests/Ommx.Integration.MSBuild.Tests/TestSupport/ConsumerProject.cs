
namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>
/// A test project (or a solution of them) in a temp folder outside the repository, consuming
/// <c>Ommx.Integration.Xunit</c> from the packed feed exactly as a user would: a PackageReference, a
/// nuget.config, no repo build files. It records into its own temp registry.
/// </summary>
public sealed class ConsumerProject : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly PackedFeed feed;

    public ConsumerProject(PackedFeed feed)
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
    }

    public string Directory { get; }

    public string RegistryRoot { get; }

    /// <summary>Adds a test project <paramref name="name"/>/<paramref name="name"/>.csproj with the given sources.</summary>
    public string AddProject(string name, IReadOnlyDictionary<string, string> sources, string targetFrameworks = "net10.0", string extraProperties = "")
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
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageReference Include="Ommx.Integration.Xunit" Version="{feed.Version}" />
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

    /// <summary>Runs <c>dotnet &lt;args&gt;</c> in the work folder (or project <paramref name="inProject"/>'s folder) against this project's registry.</summary>
    public (int ExitCode, string Output) Dotnet(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? inProject = null, bool inTerminal = false)
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

        return TestSupport.Dotnet.Run(inProject is null ? Directory : Path.Combine(Directory, inProject), arguments, env, inTerminal: inTerminal);
    }

    /// <summary>
    /// <c>dotnet new &lt;template&gt; -n name -o name</c> from the packed template package, installed into a private
    /// hive in the work folder (the user's own template list is not touched).
    /// </summary>
    public (int ExitCode, string Output) NewFromTemplate(string template, string name, params string[] options)
    {
        var hive = Path.Combine(Directory, ".hive");
        var install = Dotnet(["new", "install", feed.TemplatesPackage, "--debug:custom-hive", hive]);
        if (install.ExitCode != 0)
        {
            return install;
        }

        return Dotnet(["new", template, "-n", name, "-o", name, "--no-update-check", "--debug:custom-hive", hive, .. options]);
    }

    /// <summary>
    /// Installs the packed <c>ommx</c> tool into a local tool manifest of the work folder (as a team would), so
    /// <c>Dotnet(["ommx", …])</c> runs it.
    /// </summary>
    public (int ExitCode, string Output) InstallOmmxTool()
    {
        var manifest = Dotnet(["new", "tool-manifest", "--force"]);
        if (manifest.ExitCode != 0)
        {
            return manifest;
        }

        return Dotnet(["tool", "install", "--local", "Ommx.Integration.Tool", "--version", feed.Version]);
    }

    public void Dispose() => temp.Dispose();
}
