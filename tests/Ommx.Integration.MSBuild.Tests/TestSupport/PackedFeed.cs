using System.Diagnostics;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>
/// The product packages packed once per test session into a local folder feed with a unique prerelease
/// version (a reused version would be served stale from the package cache), plus one private package
/// cache shared by every scratch project of the session.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private static readonly string[] Packages = ["Ommx.Integration", "Ommx.Integration.MSBuild", "Ommx.Integration.Xunit"];
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
    }

    public string Version { get; }

    public string Feed { get; }

    /// <summary>NUGET_PACKAGES for every scratch project: restored once, reused after.</summary>
    public string PackageCache { get; }

    public void Dispose() => temp.Dispose();
}
