using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// The after-test step's cost by the number of recorded Runs, each step in a fresh process as in every <c>dotnet test</c>
/// (JIT and first loads included): a session begun, N trivial test cases recorded by the real test-host code in a child
/// process (its end, <see cref="TestSession.Complete"/>, timed: that is where the host prepares the artifact), then the
/// registry root copied and <see cref="TestRunSessions.Finish"/> run in a fresh child process on each copy: once on the
/// prepared artifact, once with the host report as a host without the prepared field writes it (the journal replay).
/// Both must publish the same manifest. Rounds alternate which path runs first; medians printed.
/// </summary>
internal static class FinishBenchmark
{
    public static void Run(string work)
    {
        var sizes = (Environment.GetEnvironmentVariable("OMMX_BENCH_TESTS") ?? "1,2000,20000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("OMMX_BENCH_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 3;
        foreach (var tests in sizes)
        {
            var host = new List<double>();
            var prepared = new List<double>();
            var replay = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var root = Path.Combine(work, $"finish-{tests}-{round}");
                var copy = root + "-replay";
                string sessionId;
                using (var registry = LocalRegistry.Open(root))
                {
                    sessionId = new TestRunSessions(registry).Begin(new TestRunRequest { ExperimentRepository = "example.com/bench/finish", Project = "Bench", TargetFramework = "net10.0" }).Id;
                }

                host.Add(double.Parse(Child("finish-host", root, sessionId, tests.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
                CopyDirectory(root, copy);
                var report = Path.Combine(copy, ".ommx-integration", "sessions", sessionId + ".host.json");
                var json = JsonNode.Parse(File.ReadAllText(report))!.AsObject();
                if (json["preparedManifest"] is null)
                {
                    throw new InvalidOperationException("the host prepared nothing");
                }

                json.Remove("preparedManifest");
                File.WriteAllText(report, json.ToJsonString());
                (string Seconds, string Digest) Settle(string at, bool fromPrepared)
                {
                    var line = Child("finish-settle", at, sessionId, tests.ToString(CultureInfo.InvariantCulture), fromPrepared ? "prepared" : "replay").Split(' ');
                    return (line[0], line[1]);
                }

                (string Seconds, string Digest) a, b;
                if (round % 2 == 0)
                {
                    a = Settle(root, true);
                    b = Settle(copy, false);
                }
                else
                {
                    b = Settle(copy, false);
                    a = Settle(root, true);
                }

                if (a.Digest != b.Digest)
                {
                    throw new InvalidOperationException($"the prepared path published {a.Digest}, the replay {b.Digest}");
                }

                prepared.Add(double.Parse(a.Seconds, CultureInfo.InvariantCulture));
                replay.Add(double.Parse(b.Seconds, CultureInfo.InvariantCulture));
                Directory.Delete(root, recursive: true);
                Directory.Delete(copy, recursive: true);
            }

            var p = Measure.Median(prepared);
            var q = Measure.Median(replay);
            Console.WriteLine(
                $"finish step, {tests:N0} Runs ({rounds} rounds, medians, each in a fresh process): journal replay {q * 1000:F0} ms; "
                + $"prepared artifact {p * 1000:F0} ms = {p / q:F2}x ({(q - p) * 1000:F0} ms less); test host's end (prepares the artifact) {Measure.Median(host) * 1000:F0} ms");
        }
    }

    /// <summary>Child process: records <c>tests</c> trivial test cases into the session and prints the seconds its end took.</summary>
    public static int Host(string root, string sessionId, int tests)
    {
        using var host = TestSession.Start(new TestSessionSettings { RegistryRoot = root, SessionId = sessionId });
        for (var i = 0; i < tests; i++)
        {
            var name = "C.T" + i.ToString(CultureInfo.InvariantCulture);
            var run = host.StartTest(new TestCaseInfo(name, name, "C", "T" + i.ToString(CultureInfo.InvariantCulture)));
            host.FinishTest(run, new TestResult(TestOutcome.Passed, 0.001, string.Empty));
        }

        var watch = Stopwatch.StartNew();
        host.Complete();
        Console.WriteLine(watch.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>Child process: the after step (cold, as in a fresh MSBuild process); prints its seconds and the manifest digest.</summary>
    public static int Settle(string root, string sessionId, int tests, bool fromPrepared)
    {
        var watch = Stopwatch.StartNew();
        using var registry = LocalRegistry.Open(root);
        var outcome = new TestRunSessions(registry).Finish(sessionId, testsSucceeded: true);
        var seconds = watch.Elapsed.TotalSeconds;
        if (outcome.Kind != TestRunOutcomeKind.Committed || outcome.Runs != tests || outcome.FromPreparedArtifact != fromPrepared)
        {
            throw new InvalidOperationException($"expected a commit of {tests} Runs {(fromPrepared ? "from the prepared artifact" : "by replay")}, got {outcome.Kind} ({outcome.Runs}, prepared: {outcome.FromPreparedArtifact})");
        }

        Console.WriteLine(seconds.ToString("R", CultureInfo.InvariantCulture) + " " + outcome.ManifestDigest);
        return 0;
    }

    private static string Child(params string[] args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(FinishBenchmark).Assembly.Location);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"{string.Join(' ', args)} exited with {process.ExitCode}: {output}");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
