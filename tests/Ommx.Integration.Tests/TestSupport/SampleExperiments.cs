using System.Security.Cryptography;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>Committed Experiments with parameters, JSON and a binary attachment of chosen size, for transfer tests.</summary>
public static class SampleExperiments
{
    public static Descriptor Commit(LocalRegistry registry, string name, int attachmentBytes = 4096)
    {
        using var experiment = Experiment.Create(registry, name);
        experiment.SetAnnotation("com.example.suite", "distribution");
        experiment.LogBytes("payload", MediaTypes.OctetStream, RandomNumberGenerator.GetBytes(attachmentBytes));
        experiment.Run(run =>
        {
            run.LogParameter("solver", "scip");
            run.LogParameter("time_limit", 12.5);
            run.LogJson("candidate", new System.Text.Json.Nodes.JsonObject { ["x"] = 1 });
        });
        experiment.Run(run =>
        {
            run.LogParameter("solver", "highs");
            run.LogParameter("presolve", true);
        });
        return experiment.Commit();
    }

    /// <summary>Forks a committed Experiment, adds one Run with a new attachment, commits under <paramref name="childName"/>.</summary>
    public static Descriptor Fork(LocalRegistry registry, string parentName, string childName)
    {
        using var parent = Experiment.Load(registry, parentName, new ExperimentLoadOptions { AllowPull = false });
        using var child = parent.Fork(childName);
        child.Run(run =>
        {
            run.LogParameter("solver", "child");
            run.LogBytes("extra", MediaTypes.OctetStream, RandomNumberGenerator.GetBytes(2048));
        });
        return child.Commit();
    }

    /// <summary>Everything a reader sees of the Runs: ids, the parameter table, and each Run's attachments.</summary>
    public static string Describe(Experiment experiment) =>
        string.Join('\n', experiment.Runs.Select(r => $"{r.Id}: {string.Join(',', r.AttachmentNames)}"))
        + "\n" + experiment.RenderRunParameters();
}
