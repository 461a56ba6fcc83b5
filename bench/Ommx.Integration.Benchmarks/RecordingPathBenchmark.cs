using System.Diagnostics;
using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Resume;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// The per-test recording path in process, without xunit or <c>dotnet test</c> around it: what the xunit adapter
/// calls per test (<see cref="TestSession.StartTest"/> + <see cref="TestSession.FinishTest"/>, with the parameters
/// it passes), trivial and with 1 KiB of output, against the same loop doing nothing; then the pieces one by one
/// (line composition, the hand-off to the writer thread, the journal write, a blob put) and the build step that
/// settles the session afterwards (journal replay + commit), each per Run. <c>OMMX_BENCH_RUNS</c> Runs (default 5,000).
/// </summary>
internal static class RecordingPathBenchmark
{
    private const string Image = "example.com/bench/recording:v1";

    public static void Run(string work)
    {
        var runs = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_RUNS") ?? "5000", CultureInfo.InvariantCulture);
        var tests = Enumerable.Range(0, runs).Select(Test).ToArray();
        var output = new string('o', 1023) + "\n";
        var round = 0;

        // A warm-up round of each so the JIT is out of the figures.
        Session(Path.Combine(work, $"warm-{round++}"), tests.Take(200).ToArray(), null, settle: true);
        Session(Path.Combine(work, $"warm-{round++}"), tests.Take(200).ToArray(), output, settle: true);

        if (Environment.GetEnvironmentVariable("OMMX_BENCH_ONLY") is { } only && only is "trivial" or "output")
        {
            // For a profiler: only the host's recording loop of one kind, no pieces, no settle.
            for (var i = 0; i < 3; i++)
            {
                var t = Session(Path.Combine(work, $"{only}-{round++}"), tests, only == "output" ? output : null, settle: false);
                Console.WriteLine($"{only}: {PerRun(t.Host, runs):F1} us per test in the host, CPU {PerRun(t.HostCpu, runs):F1} us, start {PerRun(t.Start, runs):F1} + finish {PerRun(t.Finish, runs):F1} us, {t.Allocated / (double)runs:F0} bytes allocated per test");
            }

            return;
        }

        var nothing = Best(3, () => Nothing(tests));
        var trivial = Best(3, () => Session(Path.Combine(work, $"trivial-{round++}"), tests, null, settle: true));
        var withOutput = Best(3, () => Session(Path.Combine(work, $"output-{round++}"), tests, output, settle: true));
        Console.WriteLine($"recording path, {runs} tests in process (best of 3):");
        Console.WriteLine($"  doing nothing (the adapter's own objects only): {PerRun(nothing, runs):F2} us per test");
        Console.WriteLine($"  trivial test: {PerRun(trivial.Host, runs):F1} us per test in the host, CPU {PerRun(trivial.HostCpu, runs):F1} us ({trivial.Host / Math.Max(nothing, 1e-9):F0}x nothing), start {PerRun(trivial.Start, runs):F1} us + finish {PerRun(trivial.Finish, runs):F1} us (target <= 20 us); host fixed {trivial.Open * 1e3:F0} ms; build step settle {trivial.Settle * 1e3:F0} ms = {PerRun(trivial.Settle, runs):F1} us per Run, of which one journal replay {PerRun(trivial.Replay, runs):F1} us");
        Console.WriteLine($"  1 KiB output: {PerRun(withOutput.Host, runs):F1} us per test in the host, CPU {PerRun(withOutput.HostCpu, runs):F1} us, start {PerRun(withOutput.Start, runs):F1} us + finish {PerRun(withOutput.Finish, runs):F1} us; build step settle {withOutput.Settle * 1e3:F0} ms = {PerRun(withOutput.Settle, runs):F1} us per Run");
        Console.WriteLine($"  trivial test: {trivial.Allocated / (double)runs:F0} bytes allocated per test in the host, {trivial.Collections} GCs over {runs} tests");
        Console.WriteLine($"  journal: {trivial.JournalBytes / (double)runs:F0} bytes per test ({trivial.JournalBytes:N0} bytes)");

        Pieces(Path.Combine(work, "pieces"), runs);
    }

    /// <summary>What the adapter builds per test anyway, recording or not.</summary>
    private static double Nothing(TestCaseInfo[] tests)
    {
        var watch = Stopwatch.StartNew();
        var sink = 0;
        foreach (var test in tests)
        {
            var result = new TestResult(TestOutcome.Passed, 0.001, string.Empty);
            sink += test.Id.Length + result.Output.Length;
        }

        GC.KeepAlive(sink);
        return watch.Elapsed.TotalSeconds;
    }

    private sealed record Timing(double Open, double Start, double Finish, double Host, double HostCpu, long Allocated, int Collections, double Settle, double Replay, long JournalBytes);

    /// <summary>The user flow's core calls: the build step opens a session, the host records, the build step settles it.</summary>
    private static Timing Session(string root, TestCaseInfo[] tests, string? output, bool settle)
    {
        string id;
        using (var registry = LocalRegistry.Open(root))
        {
            id = new TestRunSessions(registry).Begin(new TestRunRequest
            {
                ExperimentRepository = "example.com/bench/recording",
                Project = "Bench.Tests",
                TargetFramework = "net10.0",
                Fingerprint = new TestRunFingerprint("mvid:" + Guid.NewGuid().ToString("D"), "0123456789abcdef0123456789abcdef01234567", null),
            }).Id;
        }

        var open = Stopwatch.StartNew();
        var session = TestSession.Start(new TestSessionSettings { RegistryRoot = root, SessionId = id, Annotations = HostAnnotations() });
        var openSeconds = open.Elapsed.TotalSeconds;
        double start = 0, finish = 0, replaySeconds = 0, hostCpu;
        long allocatedBytes;
        int gcs;
        long journalBytes;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var host = Stopwatch.StartNew();
        try
        {
            var watch = new Stopwatch();
            foreach (var test in tests)
            {
                watch.Restart();
                var run = session.StartTest(test);
                start += watch.Elapsed.TotalSeconds;
                watch.Restart();
                session.FinishTest(run, new TestResult(TestOutcome.Passed, 0.001, output ?? string.Empty));
                finish += watch.Elapsed.TotalSeconds;
            }

            hostCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            allocatedBytes = GC.GetTotalAllocatedBytes() - allocated;
            gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections;
            journalBytes = Directory.EnumerateFiles(RunJournalFiles.Directory(root)).Sum(f => new FileInfo(f).Length);
            session.Complete();
            using var registry = LocalRegistry.Open(root);
            var replayWatch = Stopwatch.StartNew();
            foreach (var journal in RunJournalFiles.JournalPaths(root))
            {
                _ = ExperimentJournal.Replay(registry, journal);
            }

            replaySeconds = replayWatch.Elapsed.TotalSeconds;
        }
        finally
        {
            session.Dispose();
        }

        var hostSeconds = host.Elapsed.TotalSeconds - replaySeconds;
        double settleSeconds = 0;
        if (settle)
        {
            var watch = Stopwatch.StartNew();
            using var registry = LocalRegistry.Open(root);
            var outcome = new TestRunSessions(registry).Finish(id, testsSucceeded: true);
            settleSeconds = watch.Elapsed.TotalSeconds;
            if (outcome.Kind != TestRunOutcomeKind.Committed)
            {
                throw new InvalidOperationException($"the bench session was not committed: {outcome.Kind} {outcome.Reason}");
            }
        }

        return new Timing(openSeconds, start, finish, hostSeconds, hostCpu, allocatedBytes, gcs, settleSeconds, replaySeconds, journalBytes);
    }

    /// <summary>The pieces of one test's recording, each timed alone per Run.</summary>
    private static void Pieces(string root, int runs)
    {
        using var registry = LocalRegistry.Open(root);
        var annotations = new SortedDictionary<string, string>(HostAnnotations(), StringComparer.Ordinal);
        var journal = new ExperimentJournal(registry, ImageReference.Parse(Image), "pieces");
        var announce = new ExperimentContent();
        foreach (var (k, v) in annotations)
        {
            announce.Annotations[k] = v;
        }

        var close = new ExperimentContent();
        foreach (var (k, v) in annotations)
        {
            close.Annotations[k] = v;
        }

        var record = new RunRecord { Id = 7 };
        var test = Test(7);
        record.Parameters[TestCaseParameters.Id] = RunParameterValue.From(test.Id);
        record.Parameters[TestCaseParameters.DisplayName] = RunParameterValue.From(test.DisplayName);
        record.Parameters[TestCaseParameters.Class] = RunParameterValue.From(test.ClassName!);
        record.Parameters[TestCaseParameters.Method] = RunParameterValue.From(test.MethodName!);
        record.Parameters[TestCaseParameters.Outcome] = RunParameterValue.From("passed");
        record.Parameters[TestCaseParameters.DurationSeconds] = RunParameterValue.From(0.001);
        close.Runs[7] = record;
        IReadOnlyList<OpenRunInfo> openList = [new OpenRunInfo(7, test.DisplayName)];

        var announceLine = journal.ComposeLine(announce, openList);
        var closeLine = journal.ComposeLine(close, []);
        var composeAnnounce = Best(3, () => Repeat(runs, () => journal.ComposeLine(announce, openList)));
        var composeClose = Best(3, () => Repeat(runs, () => journal.ComposeLine(close, [])));
        var bare = new ExperimentContent();
        bare.Runs[7] = record;
        var composeBare = Best(3, () => Repeat(runs, () => journal.ComposeLine(bare, [])));
        var composeBareGeneric = Best(3, () => Repeat(runs, () => journal.ComposeGenericLine(bare, [])));
        var composeCloseGeneric = Best(3, () => Repeat(runs, () => journal.ComposeGenericLine(close, [])));
        var configOnly = Best(3, () => Repeat(runs, () => ExperimentArtifactWriter.Compose(bare, ExperimentStatus.Draft, null, ImageReference.Parse(Image))));
        var write = Best(3, () => Repeat(runs, () => journal.AppendLines(closeLine)));
        journal.Dispose();

        var handJournal = new ExperimentJournal(registry, ImageReference.Parse(Image), "handoff");
        var writer = new ExperimentWriter(handJournal);
        var handOff = Best(3, () => Repeat(runs, () => writer.WaitFor(writer.Enqueue(new WriterEntry()))));
        handJournal.Dispose();

        var lease = registry.AcquireLease(Registry.Leases.LeaseKind.Experiment, Image);
        var blobRuns = Math.Min(runs, 1000);
        var n = 0;
        var put = Best(1, () => Repeat(blobRuns, () => registry.Blobs.Put(System.Text.Encoding.UTF8.GetBytes($"{n++:D8}" + new string('o', 1016)), lease)));
        lease.Dispose();

        Console.WriteLine($"pieces, per Run ({runs} each, best of 3): compose announce line ({announceLine.Length} bytes) {PerRun(composeAnnounce, runs):F1} us; compose close line ({closeLine.Length} bytes) {PerRun(composeClose, runs):F1} us (generic composer {PerRun(composeCloseGeneric, runs):F1} us); close line without annotations ({journal.ComposeLine(bare, []).Length} bytes) {PerRun(composeBare, runs):F1} us (generic composer {PerRun(composeBareGeneric, runs):F1} us), of which config + parameter table {PerRun(configOnly, runs):F1} us; journal write of one line {PerRun(write, runs):F1} us; hand-off to the writer thread and back (no line) {PerRun(handOff, runs):F1} us; 1 KiB blob put with lease ({blobRuns}) {PerRun(put, blobRuns):F1} us");
    }

    private static double Repeat(int count, Action action)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static double Best(int rounds, Func<double> measure) => Enumerable.Range(0, rounds).Select(_ => measure()).Min();

    private static Timing Best(int rounds, Func<Timing> measure) => Enumerable.Range(0, rounds).Select(_ => measure()).MinBy(t => t.Host)!;

    private static double PerRun(double seconds, int runs) => seconds / runs * 1e6;

    /// <summary>A trivial [Fact] as the xunit adapter describes it.</summary>
    private static TestCaseInfo Test(int i) =>
        new($"{i:x8}0123456789abcdef0123456789abcdef", $"Bench.Tests.GeneratedTests{i / 100}.Fact{i}", $"Bench.Tests.GeneratedTests{i / 100}", $"Fact{i}");

    /// <summary>The annotations the xunit host sets (HostSettings) for a build's session.</summary>
    private static Dictionary<string, string> HostAnnotations() => new()
    {
        ["org.opencontainers.image.title"] = "Bench.Tests",
        ["org.opencontainers.image.revision"] = "0123456789abcdef0123456789abcdef01234567",
        ["org.opencontainers.image.created"] = "2026-12-07T21:00:00Z",
        [AnnotationKeys.Project] = "Bench.Tests",
        [AnnotationKeys.TargetFramework] = "net10.0",
        [AnnotationKeys.Configuration] = "Release",
        [AnnotationKeys.GitBranch] = "main",
        [AnnotationKeys.Machine] = Environment.MachineName,
        [AnnotationKeys.TestFramework] = "xunit 2.9.3.0",
    };
}
