using System.Diagnostics;

namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>
/// The product packages packed once per test session into a local folder feed with a unique prerelease
/// version (a reused version would be served stale from the package cache), plus one private package
/// cache shared by every scratch project of the session.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>Every package of the repository but the templates (packed apart, below).</summary>
    public static readonly string[] Packages = ["Ommx.Integration", "Ommx.Integration.MSBuild", "Ommx.Integration.Xunit", "Ommx.Integration.XunitV3", "Ommx.Integration.OrTools", "Ommx.Integration.Tool"];
    private readonly TempDirectory temp = new();

    public PackedFeed()
    {
        Version = "0.1.0-e2e." + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Feed = temp.Combine("feed");
        PackageCache = temp.Combine("packages");
        Directory.CreateDirectory(Feed);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var package in Packages)
        {
            var project = Path.Combine(TestPaths.RepoRoot, "src", package, package + ".csproj");
            var (exit, output) = Dotnet.Run(TestPaths.RepoRoot, ["pack", project, "--no-build", "-c", configuration, "-o", Feed, $"-p:Version={Version}"], new Dictionary<string, string?>());
            if (exit != 0)
            {
                throw new InvalidOperationException($"dotnet pack {package} failed ({exit}):\n{output}");
            }
        }

        var templates = Path.Combine(TestPaths.RepoRoot, "templates", "Ommx.Integration.Templates.csproj");
        var (packExit, packOutput) = Dotnet.Run(TestPaths.RepoRoot, ["pack", templates, "-o", Feed, $"-p:Version={Version}"], new Dictionary<string, string?>());
        if (packExit != 0)
        {
            throw new InvalidOperationException($"dotnet pack of the templates failed ({packExit}):\n{packOutput}");
        }
    }

    /// <summary>The packed template package.</summary>
    public string TemplatesPackage => Path.Combine(Feed, $"Ommx.Integration.Templates.{Version}.nupkg");

    public string Version { get; }

    public string Feed { get; }

    /// <summary>NUGET_PACKAGES for every scratch project: restored once, reused after.</summary>
    public string PackageCache { get; }

    public void Dispose() => temp.Dispose();
}
