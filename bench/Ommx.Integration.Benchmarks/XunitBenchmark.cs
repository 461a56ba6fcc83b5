using System.Globalization;
using System.Text;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// The flow a user runs: <c>dotnet test -c Release --no-build</c> of a project that consumes the packed packages (so the
/// MSBuild before/after steps run), against the same project without them and against it with the TRX logger,
/// round-robin. First a 1-test project with and without the packages: their difference is the fixed cost per
/// <c>dotnet test</c>, measured directly and broken down by MSBuild's task times (the before step, the after step, the test
/// host's extra time, evaluation). Then the suite sizes: the ratios, and the cost per test = (difference − fixed) / tests.
/// Last the same with 1 KiB of test output per test, and the test host's peak memory throughout.
/// Targets (issue 17): at most 1.05x at 2,000 and 1.10x at 20,000 tests, below the TRX ratio; fixed ≤ 100 ms; ≤ 20 µs per test.
/// With <c>OMMX_BENCH_BASELINE</c> set to another checkout of this repository (an earlier commit), its packages run as one
/// more variant in the same rounds, so a change is measured before and after side by side, not across two runs.
/// </summary>
internal static class XunitBenchmark
{
    private const string HighWaterMarkVariable = "OMMX_BENCH_HWM_FILE";
    private const string BeginTask = "OmmxBeginTestRun";
    private const string FinishTask = "OmmxFinishTestRun";
    private const string TestTask = "VSTestTask";
    private static readonly string[] Packages = ["Ommx.Integration", "Ommx.Integration.MSBuild", "Ommx.Integration.Xunit"];

    public static void Run(string work)
    {
        var sizes = (Environment.GetEnvironmentVariable("OMMX_BENCH_TESTS") ?? "2000,20000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var rounds = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_ROUNDS") ?? "7", CultureInfo.InvariantCulture);
        var feed = Path.Combine(work, "feed");
        var version = DotnetTestRuns.NewVersion();
        DotnetTestRuns.Pack(feed, version, Packages);
        var registry = Path.Combine(work, "registry");
        var baseline = Environment.GetEnvironmentVariable("OMMX_BENCH_BASELINE") is { Length: > 0 } source
            ? new Baseline(Path.GetFullPath(source), Path.Combine(work, "feed-baseline"), version + ".baseline")
            : null;
        if (baseline is not null)
        {
            DotnetTestRuns.PackFrom(baseline.Source, baseline.Feed, baseline.Version, Packages);
        }

        var (fixedCost, baselineFixed) = FixedCost(work, feed, version, rounds, registry, baseline);
        foreach (var tests in sizes)
        {
            var plain = Create(work, $"Plain{tests}", tests, feed, version, recording: false, outputBytes: 0);
            var recorded = Create(work, $"Recorded{tests}", tests, feed, version, recording: true, outputBytes: 0);
            var before = baseline is null ? null : Create(work, $"Baseline{tests}", tests, baseline.Feed, baseline.Version, recording: true, outputBytes: 0);
            var result = Compare($"{tests:N0} trivial tests", rounds, registry, plain, recorded, withTrx: true, before);
            PrintPerTest("  per test", tests, result.Recorded - result.Plain - fixedCost, result.Main);
            if (result.Baseline is { } b)
            {
                PrintPerTest("  baseline: per test", tests, b.Seconds - result.Plain - baselineFixed, b);
            }
        }

        var outputTests = sizes[0];
        var plainOutput = Create(work, $"PlainOutput{outputTests}", outputTests, feed, version, recording: false, outputBytes: 1024);
        var recordedOutput = Create(work, $"RecordedOutput{outputTests}", outputTests, feed, version, recording: true, outputBytes: 1024);
        var beforeOutput = baseline is null ? null : Create(work, $"BaselineOutput{outputTests}", outputTests, baseline.Feed, baseline.Version, recording: true, outputBytes: 1024);
        Compare($"{outputTests:N0} tests writing 1 KiB of ITestOutputHelper output each", rounds, registry, plainOutput, recordedOutput, withTrx: true, beforeOutput);
    }

    private static void PrintPerTest(string what, int tests, double overPlainAndFixed, Steps steps) => Console.WriteLine(
        $"{what} {overPlainAndFixed / tests * 1e6:F1} µs (target <= 20 µs) = (difference − fixed) / {tests:N0}; of the difference, the after step (commit) took {steps.Finish * 1000:F0} ms, "
        + $"the before step {steps.Begin * 1000:F0} ms, the test host {steps.HostExtra * 1000:F0} ms more than plain");

    /// <summary>A 1-test project with and without the packages: the difference is what a <c>dotnet test</c> costs on top, whatever the suite.</summary>
    private static (double Fixed, double BaselineFixed) FixedCost(string work, string feed, string version, int rounds, string registry, Baseline? baseline)
    {
        var plain = Create(work, "Plain1", 1, feed, version, recording: false, outputBytes: 0);
        var recorded = Create(work, "Recorded1", 1, feed, version, recording: true, outputBytes: 0);
        var before = baseline is null ? null : Create(work, "Baseline1", 1, baseline.Feed, baseline.Version, recording: true, outputBytes: 0);
        // A 1-test run is short and the difference small against the machine's noise: at least 7 rounds, whatever the suites get.
        var result = Compare("1 trivial test", Math.Max(rounds, 7), registry, plain, recorded, withTrx: false, before);
        var fixedCost = result.Recorded - result.Plain;
        PrintFixed("fixed cost per dotnet test", fixedCost, result.Main);
        if (result.Baseline is { } b)
        {
            PrintFixed("  baseline: fixed cost", b.Seconds - result.Plain, b);
        }

        return (fixedCost, result.Baseline is { } bb ? bb.Seconds - result.Plain : 0);
    }

    private static void PrintFixed(string what, double fixedCost, Steps steps) => Console.WriteLine(
        $"{what} {fixedCost * 1000:F0} ms (target <= 100 ms; 1-test project with minus without, medians): before step (OmmxBeginTestRun task) {steps.Begin * 1000:F0} ms, "
        + $"after step (OmmxFinishTestRun task) {steps.Finish * 1000:F0} ms, test host {steps.HostExtra * 1000:F0} ms more than plain (VSTestTask), "
        + $"evaluation {steps.EvaluationExtra * 1000:F0} ms more, rest {(fixedCost - steps.Begin - steps.Finish - steps.HostExtra - steps.EvaluationExtra) * 1000:F0} ms");

    private static Comparison Compare(string title, int rounds, string registry, string plain, string recorded, bool withTrx, string? baseline)
    {
        DotnetTestRuns.Run(plain, registry, "build", "-c", "Release", "-nodeReuse:false");
        DotnetTestRuns.Run(recorded, registry, "build", "-c", "Release", "-nodeReuse:false");
        var variants = new List<(string Project, string[] Extra)> { (plain, [DotnetTestRuns.TaskSummary]), (recorded, [DotnetTestRuns.TaskSummary]) };
        if (withTrx)
        {
            variants.Add((plain, [DotnetTestRuns.TaskSummary, "--logger", "trx"]));
        }

        if (baseline is not null)
        {
            DotnetTestRuns.Run(baseline, registry, "build", "-c", "Release", "-nodeReuse:false");
            variants.Add((baseline, [DotnetTestRuns.TaskSummary]));
        }

        var memory = variants.Select(_ => new List<long>()).ToArray();
        var samples = DotnetTestRuns.RoundRobin(rounds, [.. variants.Select((v, i) => (Func<DotnetTestRuns.Sample>)(() => TimeTest(v.Project, registry, memory[i], v.Extra)))]);
        var medians = samples.Select(s => DotnetTestRuns.Median(s.Select(x => x.Seconds))).ToArray();
        var peaks = memory.Select(m => m.DefaultIfEmpty(0).Max()).ToArray();
        var trx = withTrx ? $"with --logger trx {medians[2]:F3} s = {medians[2] / medians[0]:F2}x; " : string.Empty;
        var last = variants.Count - 1;
        var before = baseline is null ? string.Empty : $"; baseline's packages {medians[last]:F3} s = {medians[last] / medians[0]:F2}x, peak memory {(double)peaks[last] / Math.Max(1, peaks[0]):F2}x";
        Console.WriteLine(
            $"dotnet test, {title} ({rounds} rounds, medians): plain {medians[0]:F3} s; {trx}"
            + $"with Ommx.Integration {medians[1]:F3} s = {medians[1] / medians[0]:F2}x; test host peak memory {peaks[1] / 1024.0:F0} MiB vs plain {peaks[0] / 1024.0:F0} MiB = {(double)peaks[1] / Math.Max(1, peaks[0]):F2}x{before}");
        return new Comparison(medians[0], medians[1], StepsOf(samples[1], samples[0], medians[1]), baseline is null ? null : StepsOf(samples[last], samples[0], medians[last]));
    }

    private static Steps StepsOf(List<DotnetTestRuns.Sample> recorded, List<DotnetTestRuns.Sample> plain, double seconds) => new(
        seconds,
        DotnetTestRuns.MedianTask(recorded, BeginTask),
        DotnetTestRuns.MedianTask(recorded, FinishTask),
        DotnetTestRuns.MedianTask(recorded, TestTask) - DotnetTestRuns.MedianTask(plain, TestTask),
        DotnetTestRuns.MedianTask(recorded, DotnetTestRuns.Evaluation) - DotnetTestRuns.MedianTask(plain, DotnetTestRuns.Evaluation));

    private static DotnetTestRuns.Sample TimeTest(string project, string registry, List<long> memory, string[] extra)
    {
        var hwm = Path.Combine(project, "hwm.txt");
        File.Delete(hwm);
        var sample = DotnetTestRuns.TimeTest(project, registry, new Dictionary<string, string> { [HighWaterMarkVariable] = hwm }, extra);
        memory.Add(File.Exists(hwm) ? File.ReadAllLines(hwm).Select(l => long.Parse(l, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() : 0);
        return sample;
    }

    private static string Create(string work, string name, int tests, string feed, string version, bool recording, int outputBytes)
    {
        var dir = Path.Combine(work, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><IsPackable>false</IsPackable></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <Using Include="Xunit" />
                {(recording ? $"<PackageReference Include=\"Ommx.Integration.Xunit\" Version=\"{version}\" />" : string.Empty)}
              </ItemGroup>
              {(recording ? "<PropertyGroup><OmmxExperimentRepository>example.com/bench/xunit</OmmxExperimentRepository></PropertyGroup>" : string.Empty)}
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), DotnetTestRuns.NuGetConfig(feed));
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(dir, "PeakMemory.cs"), $$"""
            using System.Runtime.CompilerServices;
            namespace Bench;
            // The test host's peak resident memory (VmHWM), appended to a file when the host exits.
            internal static class PeakMemory
            {
                [ModuleInitializer]
                internal static void Register() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    var path = Environment.GetEnvironmentVariable("{{HighWaterMarkVariable}}");
                    var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                    if (path is not null && line is not null)
                    {
                        File.AppendAllText(path, line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] + "\n");
                    }
                };
            }
            """);
        var payload = new string('x', outputBytes);
        var code = new StringBuilder("using Xunit.Abstractions;\nnamespace Bench;\n");
        for (var c = 0; c < (tests + 99) / 100; c++)
        {
            code.Append("public class C").Append(c).Append(outputBytes > 0 ? "(ITestOutputHelper output)" : string.Empty).Append(" {\n");
            for (var t = 0; t < Math.Min(100, tests - (c * 100)); t++)
            {
                code.Append("  [Fact] public void T").Append(t).Append("() { ");
                if (outputBytes > 0)
                {
                    code.Append("output.WriteLine(\"").Append(payload).Append("\"); ");
                }

                code.Append("Assert.True(").Append(t).Append(" >= 0); }\n");
            }

            code.Append("}\n");
        }

        File.WriteAllText(Path.Combine(dir, "Tests.cs"), code.ToString());
        return dir;
    }

    /// <summary>Medians of one comparison (seconds): plain, recorded, and the steps of the recorded run and of the baseline's.</summary>
    private sealed record Comparison(double Plain, double Recorded, Steps Main, Steps? Baseline);

    /// <summary>Medians of one recorded variant (seconds): the run, the before and after tasks, the test host's and evaluation's extra time.</summary>
    private sealed record Steps(double Seconds, double Begin, double Finish, double HostExtra, double EvaluationExtra);

    /// <summary>Another checkout's packages, packed under their own version into their own feed.</summary>
    private sealed record Baseline(string Source, string Feed, string Version);
}
