namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// Debian's <c>chromium</c> found on <c>PATH</c> (<c>.ci/run</c> installs it). Tests never download a browser: where
/// it is missing they are skipped with this reason on a developer machine, and fail in CI (<c>CI=true</c>).
/// </summary>
internal static class SystemChromium
{
    public static string? Path { get; } = Find();

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Missing =>
        "no chromium on PATH: install Debian's browser with `apt-get install -y chromium` (.ci/run does; in CI a missing browser fails these tests)";

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = System.IO.Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
