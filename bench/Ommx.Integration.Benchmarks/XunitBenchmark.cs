using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// The flow a user runs: <c>dotnet test -c Release --no-build</c> of a project that consumes the packed
/// packages (so the MSBuild before/after steps run), against the same project without them and against it
/// with the TRX logger, round-robin, at two suite sizes; then a breakdown into a fixed cost per
/// <c>dotnet test</c> and a cost per test, the test host's peak memory, and the same with 1 KiB of test
/// output per test. Targets (issue 17): at most 1.05x at 2,000 and 1.10x at 20,000 tests, below the TRX ratio.
/// </summary>
internal static class XunitBenchmark
{
    private const string HighWaterMarkVariable = "OMMX_BENCH_HWM_FILE";

    public static void Run(string work)
    {
        var sizes = (Environment.GetEnvironmentVariable("OMMX_BENCH_TESTS") ?? "2000,20000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var rounds = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_ROUNDS") ?? "7", CultureInfo.InvariantCulture);
        var repo = FindRepoRoot();
        var feed = Path.Combine(work, "feed");
        var version = "0.0.0-bench." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Console.WriteLine($"packing Ommx.Integration, .MSBuild, .Xunit {version} into {feed}");
        foreach (var package in new[] { "Ommx.Integration", "Ommx.Integration.MSBuild", "Ommx.Integration.Xunit" })
        {
            Dotnet(repo, null, "pack", Path.Combine("src", package), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
        }

        var registry = Path.Combine(work, "registry");
        var deltas = new List<(int Tests, double Delta)>();
        foreach (var tests in sizes)
        {
            var plain = Create(work, $"Plain{tests}", tests, feed, version, recording: false, outputBytes: 0);
            var recorded = Create(work, $"Recorded{tests}", tests, feed, version, recording: true, outputBytes: 0);
            var result = Compare($"{tests:N0} trivial tests", rounds, registry, plain, recorded);
            deltas.Add((tests, result.Recorded - result.Plain));
        }

        if (deltas.Count >= 2)
        {
            var (a, da) = deltas[0];
            var (b, db) = deltas[^1];
            var perTest = (db - da) / (b - a);
            var fixedCost = da - (perTest * a);
            Console.WriteLine($"breakdown: fixed cost per dotnet test {fixedCost * 1000:F0} ms (target <= 100 ms), per test {perTest * 1e6:F1} µs (target <= 20 µs)");
        }

        var outputTests = sizes[0];
        var plainOutput = Create(work, $"PlainOutput{outputTests}", outputTests, feed, version, recording: false, outputBytes: 1024);
        var recordedOutput = Create(work, $"RecordedOutput{outputTests}", outputTests, feed, version, recording: true, outputBytes: 1024);
        Compare($"{outputTests:N0} tests writing 1 KiB of ITestOutputHelper output each", rounds, registry, plainOutput, recordedOutput);
    }

    private static (double Plain, double Trx, double Recorded) Compare(string title, int rounds, string registry, string plain, string recorded)
    {
        Dotnet(plain, registry, "build", "-c", "Release", "-nodeReuse:false");
        Dotnet(recorded, registry, "build", "-c", "Release", "-nodeReuse:false");
        var times = new List<double>[] { [], [], [] };
        var memory = new List<long>[] { [], [], [] };
        for (var round = 0; round < rounds; round++)
        {
            // Round-robin, so a slow spell of the machine hits every variant alike.
            (times[0], memory[0]).Add(TimeTest(plain, registry));
            (times[1], memory[1]).Add(TimeTest(plain, registry, "--logger", "trx"));
            (times[2], memory[2]).Add(TimeTest(recorded, registry));
        }

        var medians = times.Select(Median).ToArray();
        var peaks = memory.Select(m => m.Max()).ToArray();
        Console.WriteLine(
            $"dotnet test, {title} ({rounds} rounds, medians): plain {medians[0]:F3} s; with --logger trx {medians[1]:F3} s = {medians[1] / medians[0]:F2}x; " +
            $"with Ommx.Integration {medians[2]:F3} s = {medians[2] / medians[0]:F2}x; test host peak memory {peaks[2] / 1024.0:F0} MiB vs plain {peaks[0] / 1024.0:F0} MiB = {(double)peaks[2] / peaks[0]:F2}x");
        return (medians[0], medians[1], medians[2]);
    }

    private static (double Seconds, long PeakKiB) TimeTest(string project, string registry, params string[] extra)
    {
        var hwm = Path.Combine(project, "hwm.txt");
        File.Delete(hwm);
        var seconds = Measure.Time(() => Dotnet(project, registry, ["test", "-c", "Release", "--no-build", .. extra]));
        var peak = File.Exists(hwm) ? File.ReadAllLines(hwm).Select(l => long.Parse(l, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() : 0;
        return (seconds, peak);
    }

    private static void Add(this (List<double> Times, List<long> Memory) into, (double Seconds, long PeakKiB) sample)
    {
        into.Times.Add(sample.Seconds);
        into.Memory.Add(sample.PeakKiB);
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
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="bench" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
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
        for (var c = 0; c < tests / 100; c++)
        {
            code.Append("public class C").Append(c).Append(outputBytes > 0 ? "(ITestOutputHelper output)" : string.Empty).Append(" {\n");
            for (var t = 0; t < 100; t++)
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

    private static void Dotnet(string dir, string? registry, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        if (registry is not null)
        {
            info.Environment["OMMX_LOCAL_REGISTRY_ROOT"] = registry;
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment[HighWaterMarkVariable] = Path.Combine(dir, "hwm.txt");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed in {dir}:\n{output}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ommx.Integration.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
