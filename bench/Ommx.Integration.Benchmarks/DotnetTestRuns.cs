using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// What the <c>dotnet test</c> benchmarks share: packing the packages into a local feed, running <c>dotnet</c> in a scratch
/// project against a registry root, and timing variants round-robin (so a slow spell of the machine hits each alike)
/// with the medians and the MSBuild task times of each run.
/// </summary>
internal static partial class DotnetTestRuns
{
    /// <summary>A new package version per benchmark run, so NuGet's cache never serves an older build.</summary>
    public static string NewVersion() => "0.0.0-bench." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static void Pack(string feed, string version, params string[] packages) => PackFrom(RepoRoot(), feed, version, packages);

    /// <summary>Packs <paramref name="packages"/> from the source tree at <paramref name="repo"/> (another checkout, for a baseline).</summary>
    public static void PackFrom(string repo, string feed, string version, params string[] packages)
    {
        Console.WriteLine($"packing {string.Join(", ", packages)} {version} from {repo} into {feed}");
        foreach (var package in packages)
        {
            Run(repo, null, "pack", Path.Combine("src", package), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
        }
    }

    /// <summary>The <c>nuget.config</c> of a scratch project: the local feed first, then nuget.org.</summary>
    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="bench" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """;

    /// <summary>Runs <c>dotnet</c> in <paramref name="dir"/>; returns its output, throws with it on failure.</summary>
    public static string Run(string dir, string? registry, params string[] args) => Run(dir, registry, new Dictionary<string, string>(), args);

    public static string Run(string dir, string? registry, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        if (registry is not null)
        {
            info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = registry;
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed in {dir}:\n{output}");
    }

    /// <summary>
    /// Times each variant once per round, in the same order every round; returns the samples per variant. A variant
    /// returns what else it measured (task times) alongside.
    /// </summary>
    public static List<Sample>[] RoundRobin(int rounds, params Func<Sample>[] variants)
    {
        var samples = variants.Select(_ => new List<Sample>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                samples[v].Add(variants[v]());
            }
        }

        return samples;
    }

    /// <summary>
    /// Runs <c>dotnet test -c Release --no-build</c>, timed; with <see cref="TaskSummary"/> among <paramref name="extra"/>
    /// the sample carries the MSBuild task times too.
    /// </summary>
    public static Sample TimeTest(string project, string? registry, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var watch = Stopwatch.StartNew();
        var output = Run(project, registry, environment, ["test", "-c", "Release", "--no-build", .. extra]);
        return new Sample(watch.Elapsed.TotalSeconds, TaskSeconds(output));
    }

    /// <summary>MSBuild's console logger switch that prints the evaluation, target and task times at the end.</summary>
    public const string TaskSummary = "-clp:PerformanceSummary";

    /// <summary>The key of the project evaluation time (all evaluations of the run) in <see cref="Sample.Tasks"/>.</summary>
    public const string Evaluation = "(evaluation)";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    /// <summary>The median of one task's time over the samples (0 when it never ran).</summary>
    public static double MedianTask(IEnumerable<Sample> samples, string task) => Median(samples.Select(s => s.Tasks.GetValueOrDefault(task)));

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ommx.Integration.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    /// <summary>The "Task Performance Summary" of MSBuild's console logger: task name → seconds.</summary>
    private static Dictionary<string, double> TaskSeconds(string output)
    {
        var tasks = new Dictionary<string, double>(StringComparer.Ordinal);
        if (EvaluationLine().Match(output) is { Success: true } evaluation)
        {
            tasks[Evaluation] = double.Parse(evaluation.Groups[1].Value, CultureInfo.InvariantCulture) / 1000;
        }

        var section = output.IndexOf("Task Performance Summary:", StringComparison.Ordinal);
        if (section < 0)
        {
            return tasks;
        }

        foreach (Match m in SummaryLine().Matches(output[section..]))
        {
            tasks[m.Groups[2].Value] = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 1000;
        }

        return tasks;
    }

    [GeneratedRegex(@"Project Evaluation Performance Summary:\s*\n\s*(\d+) ms")]
    private static partial Regex EvaluationLine();

    [GeneratedRegex(@"^\s+(\d+) ms\s+(\S+)\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    /// <summary>One timed <c>dotnet test</c>: wall time and the MSBuild tasks' times (seconds).</summary>
    internal sealed record Sample(double Seconds, IReadOnlyDictionary<string, double> Tasks);
}
