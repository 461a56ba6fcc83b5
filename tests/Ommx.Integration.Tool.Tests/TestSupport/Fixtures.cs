using System.Buffers.Binary;
using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Tests.TestSupport;

/// <summary>Registries with known content, written through the core library (never through the tool under test).</summary>
public static class Fixtures
{
    public const string Experiment = "example.com/cli/demo:v1";
    public const string SolveExperiment = "example.com/cli/solves:v1";
    public const string Artifact = "example.com/cli/artifact:v1";

    /// <summary>A generic OMMX artifact: empty config and one v1-instance layer per byte array.</summary>
    public static Descriptor CommitArtifact(LocalRegistry registry, string image, params byte[][] layers)
    {
        var descriptor = StoreArtifact(registry, layers);
        var result = registry.Publish(ImageReference.Parse(image), descriptor.Digest);
        return result.IsConflict ? throw new InvalidOperationException("conflict publishing " + image) : descriptor;
    }

    public static Descriptor StoreArtifact(LocalRegistry registry, byte[][] layers)
    {
        registry.Blobs.Put(MediaTypes.EmptyJsonBytes);
        var descriptors = layers.Select(bytes =>
        {
            registry.Blobs.Put(bytes);
            return Descriptor.ForBytes(MediaTypes.InstanceV1, bytes) with { Annotations = new Dictionary<string, string>() };
        }).ToList();
        var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2), descriptors);
        return registry.StoreManifest(manifest);
    }

    /// <summary>An anonymous artifact (<c>&lt;id8&gt;.ommx.local/anonymous:&lt;tag&gt;</c>).</summary>
    public static ImageReference CommitAnonymousArtifact(LocalRegistry registry, byte[] layer)
    {
        var image = ImageNames.NewAnonymous(registry.RegistryId, ImageNames.AnonymousRepository);
        registry.Publish(image, StoreArtifact(registry, [layer]).Digest);
        return image;
    }

    /// <summary>A committed Experiment with an annotation, an attachment and two Runs with parameters.</summary>
    public static Descriptor CommitExperiment(LocalRegistry registry, string image = Experiment)
    {
        using var experiment = Experiments.Experiment.Create(registry, image);
        experiment.DurableRuns = false;
        experiment.SetAnnotation("com.example.problem", "qap");
        experiment.LogJson("dataset", new { size = 3 });
        experiment.Run(run =>
        {
            run.LogParameter("seed", 1);
            run.LogParameter("solver", "greedy");
            run.LogParameter("gap", 0.5);
        });
        experiment.Run(run =>
        {
            run.LogParameter("seed", 2);
            run.LogParameter("solver", "exact");
            run.LogText("log", "converged");
        });
        return experiment.Commit();
    }

    /// <summary>An Experiment checkpoint (failed, interrupted) or a draft left by a recorder that went away.</summary>
    public static void Checkpoint(LocalRegistry registry, string image, ExperimentStatus status)
    {
        using var experiment = Experiments.Experiment.Create(registry, image);
        experiment.DurableRuns = false;
        experiment.Run(run => run.LogParameter("seed", 3));
        switch (status)
        {
            case ExperimentStatus.Failed:
                experiment.CommitFailedCheckpoint("ValueError: boom");
                break;
            case ExperimentStatus.Interrupted:
                experiment.CommitInterruptedCheckpoint("OperationCanceledException");
                break;
            default:
                experiment.Checkpoint();
                break;
        }
    }

    /// <summary>
    /// An Experiment whose Run 0 has a finished Solve (objective 42.5, feasible) and a failed one, written
    /// directly in OMMX's artifact format (the core has no Solve recording API yet).
    /// </summary>
    public static Descriptor CommitExperimentWithSolves(LocalRegistry registry, string image = SolveExperiment)
    {
        var instance = Encoding.UTF8.GetBytes("not decoded by inspect");
        var solution = Solution(42.5, feasible: true);
        var table = RunParameterTable.FromRuns([(0UL, new Dictionary<string, RunParameterValue> { ["seed"] = RunParameterValue.From(7L) })]).Encode();
        var layers = new List<Descriptor>
        {
            Store(registry, MediaTypes.InstanceV1, instance),
            Store(registry, MediaTypes.SolutionV2, solution),
            Store(registry, MediaTypes.RunParameters, table),
        };
        var config = Encoding.UTF8.GetBytes(
            """{"status":"finished","attachments":{"entries":{}},"runs":[{"run_id":0,"status":"finished","attachments":{"entries":{}},"solves":[{"solve_id":0,"status":"finished","input":0,"output":1,"adapter":"demo.Adapter","adapter_options":"{\"time_limit\": 1.5}"},{"solve_id":1,"status":"failed","input":0,"adapter":"demo.Adapter","adapter_options":"{}"}],"samplings":[]}],"run_parameters":2}""");
        var configDigest = registry.Blobs.Put(config);
        var manifest = new ImageManifest(MediaTypes.OmmxExperiment, new Descriptor(MediaTypes.ExperimentConfig, configDigest, config.Length), layers);
        var descriptor = registry.StoreManifest(manifest);
        registry.Publish(ImageReference.Parse(image), descriptor.Digest);
        return descriptor;
    }

    /// <summary>A v2 Solution with only the fields inspect reads: objective (2), feasible (5), feasible_relaxed (8).</summary>
    public static byte[] Solution(double objective, bool feasible)
    {
        var bytes = new byte[1 + 8 + 2 + 2];
        bytes[0] = (2 << 3) | 1;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), BitConverter.DoubleToInt64Bits(objective));
        bytes[9] = 5 << 3;
        bytes[10] = feasible ? (byte)1 : (byte)0;
        bytes[11] = 8 << 3;
        bytes[12] = feasible ? (byte)1 : (byte)0;
        return bytes;
    }

    private static Descriptor Store(LocalRegistry registry, string mediaType, byte[] bytes)
    {
        registry.Blobs.Put(bytes);
        return Descriptor.ForBytes(mediaType, bytes) with { Annotations = new Dictionary<string, string>() };
    }
}
