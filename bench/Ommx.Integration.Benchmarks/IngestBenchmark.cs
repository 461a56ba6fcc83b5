using System.Diagnostics;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Benchmarks;

/// <summary>
/// Storing a 1 GiB file as a blob (hash + temp write + fsync + rename) against <c>sha256sum</c> of the
/// file followed by <c>cp</c> of it (target: at most 1.3x).
/// </summary>
internal static class IngestBenchmark
{
    public static void Run(string work)
    {
        var size = long.Parse(Environment.GetEnvironmentVariable("OMMX_BENCH_INGEST_BYTES") ?? (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        var source = Path.Combine(work, "input.bin");
        WriteRandomFile(source, size);
        var root = Path.Combine(work, "registry");
        var copy = Path.Combine(work, "copy.bin");
        using var registry = LocalRegistry.Open(root);

        void Cleanup()
        {
            File.Delete(copy);
            Directory.CreateDirectory(registry.Blobs.Sha256Directory);
            foreach (var blob in Directory.EnumerateFiles(registry.Blobs.Sha256Directory))
            {
                File.Delete(blob);
            }
        }

        Cleanup();
        Measure.SideBySide(
            $"ingest {size >> 20} MiB",
            rounds: 3,
            baseline: () =>
            {
                Shell("sha256sum", source);
                Shell("cp", source, copy);
            },
            candidate: () =>
            {
                using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
                registry.Blobs.Put(stream);
            },
            betweenRounds: Cleanup);
    }

    private static void WriteRandomFile(string path, long size)
    {
        var buffer = new byte[1 << 20];
        var random = new Random(42);
        using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }

    private static void Shell(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed with {process.ExitCode}");
        }
    }
}
