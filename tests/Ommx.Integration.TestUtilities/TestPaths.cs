namespace Ommx.Integration.TestUtilities;

/// <summary>Locations in the repository, found from the test assembly.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Real OMMX artifacts (see tests/data/real/README.md for their origin).</summary>
    public static string RealData => Path.Combine(RepoRoot, "tests", "data", "real");

    public static string Corpus => Path.Combine(RepoRoot, "tests", "data", "ommx-quantum-benchmarks-corpus.tar.gz");

    public static IEnumerable<string> RealArchives() =>
        Directory.EnumerateFiles(RealData, "*.ommx", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static string RealArchive(string name) =>
        RealArchives().Single(p => Path.GetFileName(p) == name);

    /// <summary>The worker process for crash and concurrency tests (a project reference builds it first).</summary>
    public static string TestWorkerDll { get; } = BuiltDll("tests", "Ommx.Integration.TestWorker");

    /// <summary>The built <c>ommx</c> tool, in the same configuration as the tests (a project reference builds it first).</summary>
    public static string ToolDll { get; } = BuiltDll("src", "Ommx.Integration.Tool");

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string BuiltDll(string folder, string project) =>
        Path.Combine(RepoRoot, folder, project, "bin", Configuration, "net10.0", project + ".dll");

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
