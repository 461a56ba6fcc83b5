using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.TestWorker;

/// <summary>
/// Records Experiments one after another, as a real writer would: Runs with parameters and JSON or binary
/// attachments (some payloads drawn from a small shared pool, so writers reuse each other's blobs and
/// blobs GC has just orphaned), the odd explicit draft checkpoint, a commit (read back in full at once) or,
/// now and then, a scratch Experiment (no Run journal) abandoned without commit, whose blobs become garbage.
/// Every step is printed (flushed) once it is durable: <c>closed &lt;name&gt; &lt;run&gt;</c> (journalled),
/// <c>scratch &lt;name&gt; &lt;run&gt;</c> (not journalled), <c>checkpoint &lt;name&gt;</c>,
/// <c>committed &lt;name&gt; &lt;digest&gt;</c>, <c>abandoned &lt;name&gt;</c>. Any error ends the process with code 3.
/// </summary>
internal static class ExperimentLoop
{
    public static int Run(string root, string worker, int seed, int experiments)
    {
        var random = new Random(seed);
        var pool = Enumerable.Range(0, 24).Select(i => new string((char)('a' + i), 200 + (i * 100))).ToArray();
        try
        {
            using var registry = LocalRegistry.Open(root);
            for (var e = 0; e < experiments; e++)
            {
                var name = $"example.com/fault/{worker}:e{e.ToString(CultureInfo.InvariantCulture)}";
                RecordOne(registry, name, random, pool);
            }

            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
            return 3;
        }
    }

    private static void RecordOne(LocalRegistry registry, string name, Random random, string[] pool)
    {
        using var experiment = Experiment.Create(registry, name);
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        var scratch = random.Next(6) == 0;
        experiment.DurableRuns = !scratch;
        experiment.SetAnnotation("com.example.worker", name);
        var runs = random.Next(1, 5);
        for (var r = 0; r < runs; r++)
        {
            var run = experiment.Run($"case {r}", announce: random.Next(2) == 0);
            run.LogParameter("index", (long)r);
            run.LogParameter("ratio", random.NextDouble());
            run.LogJson("shared", new { text = pool[random.Next(pool.Length)] });
            var unique = new byte[random.Next(1, 64 * 1024)];
            random.NextBytes(unique);
            run.LogBytes("unique", "application/octet-stream", unique);
            run.Finish();
            Print($"{(scratch ? "scratch" : "closed")} {name} {run.Id}");
            if (!scratch && random.Next(4) == 0)
            {
                experiment.Checkpoint();
                Print($"checkpoint {name}");
            }
        }

        if (scratch)
        {
            Print($"abandoned {name}");
            return;
        }

        var manifest = experiment.Commit();
        Print($"committed {name} {manifest.Digest}");
        using var loaded = Experiment.Load(registry, name);
        foreach (var run in loaded.Runs)
        {
            foreach (var attachment in run.AttachmentNames)
            {
                run.GetAttachmentBytes(attachment);
            }
        }
    }

    private static void Print(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
