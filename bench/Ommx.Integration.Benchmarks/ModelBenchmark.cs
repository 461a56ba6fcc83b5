using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// Evaluating the largest Solution of the OmmxQuantumBenchmarks corpus 1,000 times (its stored state
/// against its Instance) against decoding the same Instance 1,000 times (target: at most 2x).
/// </summary>
internal static class ModelBenchmark
{
    private const int Repetitions = 1000;

    public static void Run()
    {
        var corpus = Environment.GetEnvironmentVariable("OMMX_BENCH_CORPUS") ?? FindCorpus();
        var (name, instanceBytes, solutionBytes) = LargestSolution(corpus);
        var instance = Instance.FromBytes(instanceBytes);
        var stored = Solution.FromBytes(solutionBytes);
        var check = instance.Evaluate(stored.State);
        if (check.Objective != stored.Objective || check.Feasible != stored.Feasible || check.EvaluatedConstraints.Count != stored.EvaluatedConstraints.Count)
        {
            throw new InvalidOperationException($"{name}: evaluation does not reproduce the stored Solution");
        }

        Console.WriteLine(
            $"model: {name}: {instance.DecisionVariables.Count} variables, {instance.Constraints.Count} constraints, " +
            $"instance {instanceBytes.Length:N0} B, solution {solutionBytes.Length:N0} B");
        var sink = 0.0;
        Measure.SideBySide(
            $"model: evaluate {Repetitions}x vs decode the Instance {Repetitions}x (target <= 2x)",
            rounds: 7,
            baseline: () =>
            {
                for (var i = 0; i < Repetitions; i++)
                {
                    sink += Instance.FromBytes(instanceBytes).DecisionVariables.Count;
                }
            },
            candidate: () =>
            {
                for (var i = 0; i < Repetitions; i++)
                {
                    sink += instance.Evaluate(stored.State).Objective;
                }
            });
        // For contrast: the evaluated Solution also written out (its variable copies and message are built lazily).
        Measure.SideBySide(
            $"model: evaluate + encode the Solution {Repetitions}x vs decode the Instance {Repetitions}x (contrast)",
            rounds: 5,
            baseline: () =>
            {
                for (var i = 0; i < Repetitions; i++)
                {
                    sink += Instance.FromBytes(instanceBytes).DecisionVariables.Count;
                }
            },
            candidate: () =>
            {
                for (var i = 0; i < Repetitions; i++)
                {
                    sink += instance.Evaluate(stored.State).ToBytes().Length;
                }
            });
        GC.KeepAlive(sink);
    }

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "ommx-quantum-benchmarks-corpus.tar.gz");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Cannot find tests/data/ommx-quantum-benchmarks-corpus.tar.gz; set OMMX_BENCH_CORPUS");
    }

    /// <summary>The archive whose Solution layer is largest: (name, instance bytes, solution bytes).</summary>
    private static (string Name, byte[] Instance, byte[] Solution) LargestSolution(string corpus)
    {
        (string, byte[], byte[]) best = (string.Empty, [], []);
        using var gz = new GZipStream(File.OpenRead(corpus), CompressionMode.Decompress);
        using var outer = new TarReader(gz);
        while (outer.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null || !entry.Name.EndsWith(".ommx", StringComparison.Ordinal))
            {
                continue;
            }

            var blobs = ReadEntries(entry.DataStream);
            using var index = JsonDocument.Parse(blobs["index.json"]);
            using var manifest = JsonDocument.Parse(blobs[BlobName(index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!)]);
            byte[] instance = [];
            byte[] solution = [];
            foreach (var layer in manifest.RootElement.GetProperty("layers").EnumerateArray())
            {
                var bytes = blobs[BlobName(layer.GetProperty("digest").GetString()!)];
                switch (layer.GetProperty("mediaType").GetString())
                {
                    case MediaTypes.InstanceV1:
                        instance = bytes;
                        break;
                    case MediaTypes.SolutionV1:
                        solution = bytes;
                        break;
                }
            }

            if (solution.Length > best.Item3.Length)
            {
                best = (Path.GetFileName(entry.Name), instance, solution);
            }
        }

        return best;
    }

    private static Dictionary<string, byte[]> ReadEntries(Stream archive)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new TarReader(archive, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                data.CopyTo(buffer);
                entries[entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name] = buffer.ToArray();
            }
        }

        return entries;
    }

    private static string BlobName(string digest) => "blobs/sha256/" + digest["sha256:".Length..];
}
