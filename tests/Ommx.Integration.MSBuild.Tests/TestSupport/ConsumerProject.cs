namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>
/// A test project (or a solution of them) in a temp folder outside the repository, consuming
/// <c>Ommx.Integration.Xunit</c> from the packed feed exactly as a user would: a PackageReference, a
/// nuget.config, no repo build files. It records into its own temp registry.
/// </summary>
public sealed class ConsumerProject(PackedFeed feed) : ScratchConsumer(feed)
{
    /// <summary>Adds a test project <paramref name="name"/>/<paramref name="name"/>.csproj with the given sources.</summary>
    public string AddProject(string name, IReadOnlyDictionary<string, string> sources, string targetFrameworks = "net10.0", string extraProperties = "") =>
        WriteProject(name, sources, targetFrameworks, extraProperties, $"""
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
            <PackageReference Include="Ommx.Integration.Xunit" Version="{Feed.Version}" />
            """);

    /// <summary>
    /// <c>dotnet new &lt;template&gt; -n name -o name</c> from the packed template package, installed into a private
    /// hive in the work folder (the user's own template list is not touched).
    /// </summary>
    public (int ExitCode, string Output) NewFromTemplate(string template, string name, params string[] options)
    {
        var hive = Path.Combine(Directory, ".hive");
        var install = Dotnet(["new", "install", Feed.TemplatesPackage, "--debug:custom-hive", hive]);
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

        return Dotnet(["tool", "install", "--local", "Ommx.Integration.Tool", "--version", Feed.Version]);
    }
}
