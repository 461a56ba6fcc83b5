using System.Security.Cryptography;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// GC dry run over 200,000 blobs and 2,000 refs against a plain enumeration and <c>stat</c> of every blob
/// file — the floor any GC must pay (target: at most 2x).
/// </summary>
internal static class GcBenchmark
{
    public static void Run(string work)
    {
        var blobs = int.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_GC_BLOBS") ?? "200000", System.Globalization.CultureInfo.InvariantCulture);
        const int refs = 2000;
        var root = Path.Combine(work, "gc-registry");
        using var registry = LocalRegistry.Open(root);
        Directory.CreateDirectory(registry.Blobs.Sha256Directory);

        // Setup writes files directly (the benchmark is about GC, not ingest): half the blobs are
        // layers of the 2,000 manifests, half are unreachable.
        var digests = new List<Digest>(blobs);
        var payload = new byte[64];
        for (var i = 0; i < blobs; i++)
        {
            BitConverter.TryWriteBytes(payload, i);
            RandomNumberGenerator.Fill(payload.AsSpan(8));
            var digest = Digest.Compute(payload);
            File.WriteAllBytes(registry.Blobs.PathFor(digest), payload);
            digests.Add(digest);
        }

        registry.Blobs.Put(MediaTypes.EmptyJsonBytes);
        var perManifest = blobs / 2 / refs;
        for (var r = 0; r < refs; r++)
        {
            var layers = digests.Skip(r * perManifest).Take(perManifest)
                .Select(d => new Descriptor(MediaTypes.OctetStream, d, payload.Length) { Annotations = new Dictionary<string, string>() }).ToList();
            var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2), layers);
            var descriptor = registry.StoreManifest(manifest);
            registry.Publish(ImageReference.Parse($"example.com/bench/gc:r{r}"), descriptor.Digest);
        }

        var files = 0L;
        Measure.SideBySide(
            $"gc dry run, {blobs} blobs, {refs} refs",
            rounds: 5,
            baseline: () =>
            {
                files = 0;
                foreach (var dir in new DirectoryInfo(Path.Combine(root, "blobs")).EnumerateDirectories())
                {
                    foreach (var file in dir.EnumerateFiles())
                    {
                        _ = file.Length + file.LastWriteTimeUtc.Ticks;
                        files++;
                    }
                }
            },
            candidate: () =>
            {
                var report = RegistryGc.Run(registry, new GcOptions { GracePeriod = TimeSpan.Zero });
                if (report.ReachableBlobs.Count + report.OrphanCandidates.Count != files)
                {
                    throw new InvalidOperationException("GC saw a different number of blobs than the floor");
                }
            });
    }
}
