using System.Globalization;
using Ommx.Integration.Experiments;

// Records a parameter sweep as one OMMX Experiment in the Local Registry (OMMX_LOCAL_REGISTRY_ROOT, or
// ~/.local/share/ommx). Each iteration is a Run; closing a Run makes it durable even if the program dies.
var name = "example.com/company.experiment1:" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
using var experiment = Experiment.Create(name);
experiment.SetAnnotation("com.example.purpose", "parameter sweep");

foreach (var capacity in new[] { 20, 47, 56 })
{
    experiment.Run(run =>
    {
        // Replace this with your model and solver; the Run records whatever you log.
        var load = capacity / 100.0;
        run.LogParameter("capacity", capacity);
        run.LogParameter("load", load);
        run.LogJson("settings", new { capacity, load });
    });
}

experiment.LogJson("sweep", new { capacities = new[] { 20, 47, 56 } });
var manifest = experiment.Commit();

Console.WriteLine($"OMMX: committed {experiment.ImageName} ({experiment.Runs.Count} runs) {manifest.Digest}");
Console.WriteLine(experiment.RenderRunParameters());
Console.WriteLine($"Inspect it with: ommx inspect {experiment.ImageName}");
