using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.TestWorker;

/// <summary>
/// One of several processes recording the same explicit name: closes half of <c>runs</c> Runs (each with
/// parameters <c>writer</c> and <c>index</c>), prints <c>half</c>, waits for <c>gate</c> to exist so that the
/// writers overlap, closes the rest, then either commits (printing <c>committed</c> or <c>conflict</c>) or
/// prints <c>holding</c> and waits to be killed.
/// </summary>
internal static class SameNameWriter
{
    public static int Run(string root, string name, string writer, int runs, string then, string gate)
    {
        using var registry = LocalRegistry.Open(root);
        using var experiment = Experiment.Create(registry, name);
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        for (var i = 0; i < runs; i++)
        {
            if (i == runs / 2)
            {
                Console.Out.WriteLine("half");
                Console.Out.Flush();
                while (!File.Exists(gate))
                {
                    Thread.Sleep(5);
                }
            }

            var run = experiment.Run();
            run.LogParameter("writer", writer);
            run.LogParameter("index", (long)i);
            run.LogJson("payload", new { writer, i });
            run.Finish();
            if (i == 1)
            {
                // A draft too: concurrent writers' drafts share OMMX's one checkpoint ref per name.
                experiment.Checkpoint();
            }
        }

        if (then == "hold")
        {
            Console.Out.WriteLine("holding");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }

        try
        {
            experiment.Commit();
            Console.Out.WriteLine("committed");
        }
        catch (RefConflictException)
        {
            Console.Out.WriteLine("conflict");
        }

        Console.Out.Flush();
        return 0;
    }
}
