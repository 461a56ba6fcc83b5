using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>A child process records Runs and is killed with SIGKILL at random moments.</summary>
[Trait("Category", "FaultInjection")]
public sealed class ExperimentCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public void Writer_KilledTwentyTimes_EveryClosedRunRestored()
    {
        var root = temp.Combine("registry");
        var random = new Random(1123);
        var totalClosed = 0;
        for (var round = 0; round < 20; round++)
        {
            var name = $"example.com/crash/experiment:r{round}";
            using var worker = WorkerProcess.Start("experiment-writer", root, name, "100000");
            worker.WaitForLines(random.Next(1, 40), TimeSpan.FromSeconds(60));
            Thread.Sleep(random.Next(0, 30));
            worker.Kill();
            var closed = worker.Lines.Where(l => l.StartsWith("closed ", StringComparison.Ordinal))
                .Select(l => ulong.Parse(l[7..], CultureInfo.InvariantCulture)).ToList();
            Assert.NotEmpty(closed);
            totalClosed += closed.Count;

            using var registry = LocalRegistry.Open(root);
            using var restored = Experiment.RestoreFromCheckpoint(registry, name);
            var runs = restored.Runs.ToDictionary(r => r.Id);
            foreach (var id in closed)
            {
                Assert.True(runs.ContainsKey(id), $"round {round}: Run {id} closed before the kill but was not restored");
                Assert.Equal((long)id, runs[id].Parameters["index"].AsInt64());
                Assert.Equal((int)id, runs[id].GetJson("payload")!["i"]!.GetValue<int>());
            }
        }

        output.WriteLine($"20 kills, {totalClosed} closed Runs, all restored");
    }

    [Fact]
    public void ParallelWriter_KilledWhileEightThreadsCloseRuns_EveryClosedRunRestoredWithItsOutput()
    {
        var root = temp.Combine("registry");
        var random = new Random(2026);
        var totalClosed = 0;
        for (var round = 0; round < 5; round++)
        {
            var name = $"example.com/crash/parallel:r{round}";
            using var worker = WorkerProcess.Start("parallel-experiment-writer", root, name, "8");
            worker.WaitForLines(random.Next(20, 200), TimeSpan.FromSeconds(60));
            worker.Kill();
            var closed = worker.Lines.Where(l => l.StartsWith("closed ", StringComparison.Ordinal))
                .Select(l => l.Split(' ')).Select(p => (Id: ulong.Parse(p[1], CultureInfo.InvariantCulture), Thread: long.Parse(p[2], CultureInfo.InvariantCulture), Index: long.Parse(p[3], CultureInfo.InvariantCulture))).ToList();
            Assert.NotEmpty(closed);
            totalClosed += closed.Count;

            using var registry = LocalRegistry.Open(root);
            using var restored = Experiment.RestoreFromCheckpoint(registry, name);
            var runs = restored.Runs.ToDictionary(r => r.Id);
            foreach (var (id, thread, index) in closed)
            {
                Assert.True(runs.ContainsKey(id), $"round {round}: Run {id} closed before the kill but was not restored");
                Assert.Equal(thread, runs[id].Parameters["thread"].AsInt64());
                Assert.Equal(index, runs[id].Parameters["index"].AsInt64());
                Assert.Equal($"thread {thread} run {index}", System.Text.Encoding.UTF8.GetString(runs[id].GetAttachmentBytes("output.txt")));
            }
        }

        output.WriteLine($"5 kills of 8 writing threads, {totalClosed} closed Runs, all restored");
    }

    public void Dispose() => temp.Dispose();
}
