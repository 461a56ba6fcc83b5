using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.TestWorker;

/// <summary>
/// Closes Runs of one Experiment from <c>threads</c> threads at once until killed, each Run announced when it
/// opens (as a test host does) and printed as <c>closed &lt;id&gt;</c> once <see cref="Run.Finish"/> returned.
/// </summary>
internal static class ParallelExperimentWriter
{
    public static int Run(string root, string name, int threads)
    {
        using var registry = LocalRegistry.Open(root);
        using var experiment = Experiment.Create(registry, name);
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        var output = new object();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = 0; ; i++)
            {
                var run = experiment.Run($"t{t}-{i}", announce: true);
                run.LogParameter("thread", (long)t);
                run.LogParameter("index", (long)i);
                run.LogText("output.txt", $"thread {t} run {i}");
                run.Finish();
                lock (output)
                {
                    Console.Out.WriteLine($"closed {run.Id.ToString(CultureInfo.InvariantCulture)} {t} {i}");
                    Console.Out.Flush();
                }
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return 0;
    }
}
