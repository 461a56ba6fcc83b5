namespace Ommx.Integration.TestUtilities;

/// <summary>
/// Product packages packed once per test session (from their built output, <c>--no-build</c>) into a local folder feed
/// with a unique prerelease version (a reused version would be served stale from the package cache), plus the template
/// package and one private package cache shared by every scratch project of the session. Each end-to-end test project
/// derives its collection fixture from it, naming the packages it needs.
/// </summary>
public abstract class PackedPackages : IDisposable
{
    private readonly TempDirectory temp = new();

    /// <param name="packages">The projects under <c>src/</c> to pack.</param>
    /// <param name="versionTag">Part of the prerelease version, telling the test projects' feeds apart.</param>
    protected PackedPackages(IReadOnlyList<string> packages, string versionTag)
    {
        ArgumentNullException.ThrowIfNull(packages);
        Version = $"0.1.0-{versionTag}." + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Feed = temp.Combine("feed");
        PackageCache = temp.Combine("packages");
        Directory.CreateDirectory(Feed);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var package in packages)
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

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            temp.Dispose();
        }
    }
}
