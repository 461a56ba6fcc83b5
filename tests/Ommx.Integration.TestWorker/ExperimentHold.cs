using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.TestWorker;

/// <summary>
/// A writer that stops mid-recording: closes <c>runs</c> Runs (journalled), writes a draft checkpoint after
/// the first, opens one more announced Run labelled <c>stuck</c> with an attachment, prints <c>holding
/// &lt;lease id&gt; &lt;orphan digest&gt;</c> and waits to be killed.
/// </summary>
internal static class ExperimentHold
{
    public static int Run(string root, string name, int runs)
    {
        using var registry = LocalRegistry.Open(root);
        using var experiment = Experiment.Create(registry, name);
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        for (var r = 0; r < runs; r++)
        {
            var run = experiment.Run();
            run.LogParameter("index", (long)r);
            run.LogText("note.txt", "closed run " + r.ToString(CultureInfo.InvariantCulture));
            run.Finish();
            if (r == 0)
            {
                experiment.Checkpoint();
            }
        }

        var stuck = experiment.Run("stuck", announce: true);
        var bytes = System.Text.Encoding.UTF8.GetBytes("written by a Run that never closed " + name);
        stuck.LogBytes("partial.bin", "application/octet-stream", bytes);
        Console.Out.WriteLine($"holding {experiment.LeaseId} {Oci.Digest.Compute(bytes)}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
