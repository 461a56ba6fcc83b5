using System.Diagnostics;
using System.Xml.Linq;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Acceptance;

/// <summary>
/// The tool's documented install commands (docs/notes-cli.md), run as written against a folder feed the
/// test packs: global (into a throw-away HOME), local manifest, and the one-shot <c>dotnet dnx</c>. Each
/// installed <c>ommx</c> must answer <c>--help</c> with a usage line that says <c>ommx</c>. NuGet's package
/// cache and the tool folders are throw-away directories, so nothing of the user's is touched.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public void Package_IsTheOmmxCommand()
    {
        var project = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "src", "Ommx.Integration.Tool", "Ommx.Integration.Tool.csproj"));
        string? Property(string name) => project.Descendants(name).SingleOrDefault()?.Value;

        Assert.Equal("true", Property("PackAsTool"));
        Assert.Equal("ommx", Property("ToolCommandName"));
        Assert.Null(Property("PackageId")); // the package id is the project name, Ommx.Integration.Tool
    }

    [Fact]
    public void DocumentedInstallCommands_InstallAWorkingOmmx()
    {
        var feed = Pack();
        var home = temp.Combine("home");
        Directory.CreateDirectory(home);

        // Global: dotnet tool install --global --add-source <folder> --prerelease Ommx.Integration.Tool
        Dotnet(home, home, "tool", "install", "--global", "--add-source", feed, "--prerelease", "Ommx.Integration.Tool");
        AssertUsageSaysOmmx(Run(Path.Combine(home, ".dotnet", "tools", "ommx"), home, home, "--help"));

        // Local manifest: dotnet new tool-manifest; dotnet tool install --local … ; dotnet ommx --help
        var repo = temp.Combine("some-repo");
        Directory.CreateDirectory(repo);
        Dotnet(repo, home, "new", "tool-manifest");
        Dotnet(repo, home, "tool", "install", "--local", "--add-source", feed, "--prerelease", "Ommx.Integration.Tool");
        AssertUsageSaysOmmx(Dotnet(repo, home, "ommx", "--help"));

        // One-shot (.NET 10): dotnet dnx --yes --add-source <folder> --prerelease Ommx.Integration.Tool -- --help
        AssertUsageSaysOmmx(Dotnet(repo, home, "dnx", "--yes", "--add-source", feed, "--prerelease", "Ommx.Integration.Tool", "--", "--help"));
    }

    private static void AssertUsageSaysOmmx(string output)
    {
        Assert.Contains("Usage:\n  ommx [command] [options]", output, StringComparison.Ordinal);
        Assert.Contains("  cat <image> <attachment>", output, StringComparison.Ordinal);
    }

    /// <summary>Packs the already built tool (the configuration these tests run in) into a folder feed.</summary>
    private string Pack()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var feed = temp.Combine("feed");
        Dotnet(TestPaths.RepoRoot, temp.Combine("home"), "pack", Path.Combine("src", "Ommx.Integration.Tool"), "-c", configuration, "--no-build", "-o", feed,
            "-p:PublishDir=" + temp.Combine("publish") + Path.DirectorySeparatorChar, "-p:NuspecOutputPath=" + temp.Combine("nuspec") + Path.DirectorySeparatorChar);
        Assert.Single(Directory.GetFiles(feed, "Ommx.Integration.Tool.*.nupkg"));
        return feed;
    }

    private string Dotnet(string workingDirectory, string home, params string[] args) => Run("dotnet", workingDirectory, home, args);

    private string Run(string program, string workingDirectory, string home, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = home;
        info.Environment["DOTNET_CLI_HOME"] = home;
        info.Environment["NUGET_PACKAGES"] = temp.Combine("nuget-packages");
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish");
        }

        var text = stdout + stderr.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}\n{text}");
        return text;
    }

    public void Dispose() => temp.Dispose();
}
