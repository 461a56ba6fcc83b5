namespace Ommx.Integration.Tool.Tests.TestSupport;

/// <summary>Locations in the repository, found from the test assembly.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Corpus => Path.Combine(RepoRoot, "tests", "data", "ommx-quantum-benchmarks-corpus.tar.gz");

    public static string RealArchive(string name) =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot, "tests", "data", "real"), name, SearchOption.AllDirectories).Single();

    /// <summary>The built tool, in the same configuration as the tests (a project reference builds it first).</summary>
    public static string ToolDll { get; } = Path.Combine(
        RepoRoot, "src", "Ommx.Integration.Tool", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
        "net10.0", "Ommx.Integration.Tool.dll");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ommx.Integration.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
    }
}
