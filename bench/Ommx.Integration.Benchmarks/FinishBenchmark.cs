using System.Diagnostics;
using System.Globalization;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// The after-test step's cost by the number of recorded Runs, in one process as the MSBuild process runs it: a session
/// begun, N trivial test cases recorded by the real test-host code, then <see cref="TestRunSessions.Finish"/> timed cold
/// (the first in this process: JIT and first loads included, as in every <c>dotnet test</c>) and warm (a second session),
/// with the journal replay timed on its own.
/// </summary>
internal static class FinishBenchmark
{
    public static void Run(string work)
    {
        var sizes = (Environment.GetEnvironmentVariable("OMMX_BENCH_TESTS") ?? "1,2000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var cold = true;
        foreach (var tests in sizes)
        {
            var root = Path.Combine(work, $"finish-{tests}");
            var first = Finish(root, tests, replayFirst: false);
            var second = Finish(root, tests, replayFirst: true);
            Console.WriteLine(
                $"finish step, {tests:N0} Runs: {(cold ? "cold (first in the process) " : string.Empty)}{first.Finish * 1000:F0} ms; warm {second.Finish * 1000:F0} ms, of which journal replay {second.Replay * 1000:F0} ms "
                + $"({second.Finish * 1e6 / tests:F0} µs per Run warm)");
            cold = false;
        }
    }

    private static (double Finish, double Replay) Finish(string root, int tests, bool replayFirst)
    {
        using var registry = LocalRegistry.Open(root);
        var sessions = new TestRunSessions(registry);
        var session = sessions.Begin(new TestRunRequest { ExperimentRepository = "example.com/bench/finish", Project = "Bench", TargetFramework = "net10.0" });
        using (var host = TestSession.Start(new TestSessionSettings { RegistryRoot = registry.Root, SessionId = session.Id }))
        {
            for (var i = 0; i < tests; i++)
            {
                var name = "C.T" + i.ToString(CultureInfo.InvariantCulture);
                var run = host.StartTest(new TestCaseInfo(name, name, "C", "T" + i.ToString(CultureInfo.InvariantCulture)));
                host.FinishTest(run, new TestResult(TestOutcome.Passed, 0.001, string.Empty));
            }

            host.Complete();
        }

        var replay = 0.0;
        if (replayFirst)
        {
            var journal = RunJournalFiles.PathsFor(registry.Root, ImageReference.Parse(session.ImageName)).Last();
            var watch = Stopwatch.StartNew();
            _ = ExperimentJournal.Replay(registry, journal) ?? throw new InvalidOperationException("nothing replayed");
            replay = watch.Elapsed.TotalSeconds;
        }

        var finish = Stopwatch.StartNew();
        var outcome = sessions.Finish(session.Id, testsSucceeded: true);
        var seconds = finish.Elapsed.TotalSeconds;
        return outcome.Kind == TestRunOutcomeKind.Committed && outcome.Runs == tests
            ? (seconds, replay)
            : throw new InvalidOperationException($"expected a commit of {tests} Runs, got {outcome.Kind} ({outcome.Runs})");
    }
}
