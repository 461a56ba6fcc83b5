using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.TestWorker;

/// <summary>
/// Worker modes. Each prints one line per durable step to stdout (flushed), so the parent test knows
/// what was committed before it killed the process.
/// </summary>
internal static class WorkerCommands
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: <mode> <registry-root> [args]");
            return 2;
        }

        var root = args[1];
        switch (args[0])
        {
            case "registry-writer":
                RegistryWriter(root, int.Parse(args[2], CultureInfo.InvariantCulture), ParseCount(args, 3));
                return 0;
            case "experiment-writer":
                ExperimentWriter(root, args[2], ParseCount(args, 3));
                return 0;
            case "parallel-experiment-writer":
                return ParallelExperimentWriter.Run(root, args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
            case "experiment-hold":
                return ExperimentHold.Run(root, args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
            case "same-name-writer":
                return SameNameWriter.Run(root, args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), args[5], args[6]);
            case "test-host-hold":
                return TestHostHold.Run(root, args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
            case "test-host-complete":
                return TestHostComplete.Run(root, args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
            case "experiment-loop":
                return ExperimentLoop.Run(root, args[2], int.Parse(args[3], CultureInfo.InvariantCulture), ParseCount(args, 4));
            case "gc-loop":
                return GcLoop(root, ParseCount(args, 2), args.Length > 3 ? DurationText.Parse(args[3]) : GcOptions.DefaultGracePeriod, args.Length > 4 ? args[4] : null);
            default:
                Console.Error.WriteLine($"unknown mode {args[0]}");
                return 2;
        }
    }

    private static int ParseCount(string[] args, int index) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : int.MaxValue;

    /// <summary>Writes blobs and publishes refs until killed (or <paramref name="count"/> refs).</summary>
    private static void RegistryWriter(string root, int seed, int count)
    {
        var random = new Random(seed);
        using var registry = LocalRegistry.Open(root);
        for (var i = 0; i < count; i++)
        {
            var layers = new List<Descriptor>();
            var layerCount = random.Next(1, 4);
            for (var l = 0; l < layerCount; l++)
            {
                var size = random.Next(0, 3) switch { 0 => random.Next(1, 64), 1 => random.Next(1, 64 * 1024), _ => random.Next(1, 2 * 1024 * 1024) };
                var bytes = new byte[size];
                random.NextBytes(bytes);
                Digest digest;
                if (random.Next(2) == 0)
                {
                    digest = registry.Blobs.Put(bytes);
                }
                else
                {
                    using var stream = new MemoryStream(bytes);
                    digest = registry.Blobs.Put(stream).Digest;
                }

                layers.Add(new Descriptor(MediaTypes.OctetStream, digest, size) { Annotations = new Dictionary<string, string>() });
            }

            registry.Blobs.Put(MediaTypes.EmptyJsonBytes);
            var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2), layers);
            var descriptor = registry.StoreManifest(manifest);
            var image = ImageReference.Parse($"example.com/crash/w{seed}:r{i}");
            registry.Publish(image, descriptor.Digest);
            Console.Out.WriteLine($"published {image} {descriptor.Digest}");
            Console.Out.Flush();
        }
    }

    /// <summary>Records Runs (each with parameters and a JSON attachment) and prints each closed Run id.</summary>
    private static void ExperimentWriter(string root, string name, int count)
    {
        using var registry = LocalRegistry.Open(root);
        using var experiment = Experiments.Experiment.Create(registry, name);
        experiment.AutosavePolicy = Experiments.AutosavePolicy.Disabled();
        for (var i = 0; i < count; i++)
        {
            var run = experiment.Run();
            run.LogParameter("index", (long)i);
            run.LogParameter("ratio", i / 7.0);
            run.LogJson("payload", new { i, text = new string('x', 1000) });
            run.Finish();
            Console.Out.WriteLine($"closed {run.Id}");
            Console.Out.Flush();
        }

        experiment.Commit();
        Console.Out.WriteLine("committed");
    }

    /// <summary>Deleting GC passes, <paramref name="iterations"/> of them or until <paramref name="stopFile"/> exists.</summary>
    private static int GcLoop(string root, int iterations, TimeSpan grace, string? stopFile)
    {
        using var registry = LocalRegistry.Open(root);
        for (var i = 0; i < iterations && (stopFile is null || !File.Exists(stopFile)); i++)
        {
            var report = RegistryGc.Run(registry, new GcOptions { Delete = true, GracePeriod = grace });
            Console.Out.WriteLine($"gc {i} deleted {report.DeletedBlobs.Count} missing {report.MissingBlobs.Count} rescued {report.RescuedBlobs.Count} skipped {report.SkippedBlobs.Count} leases {report.Leases.Count} expired {report.ExpiredLeases.Count} recovered {report.RecoveredWriters.Count}");
            Console.Out.Flush();
        }

        return 0;
    }
}
