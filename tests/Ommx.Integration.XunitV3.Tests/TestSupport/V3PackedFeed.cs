using Ommx.Integration.MSBuild.Tests.TestSupport;

namespace Ommx.Integration.XunitV3.Tests.TestSupport;

/// <summary>
/// The packages an xunit v3 consumer needs (the core, the v3 package, and the v2 package for the wrong-generation and
/// mixed-solution checks) and the templates, packed once per test session into a local feed with a unique prerelease version, plus one
/// package cache shared by every scratch project of the session.
/// </summary>
public sealed class V3PackedFeed : IDisposable
{
    private static readonly string[] Packages = ["Ommx.Integration", "Ommx.Integration.Xunit", "Ommx.Integration.XunitV3"];
    private readonly TempDirectory temp = new();

    public V3PackedFeed()
    {
        Version = "0.1.0-e2e3." + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
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
