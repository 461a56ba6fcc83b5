using System.Diagnostics;
using Ommx.Integration.Oci;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>A real <c>ommx export</c> process killed mid-write leaves nothing at the target path.</summary>
public sealed class ExportKillTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void Export_KilledWhileWriting_LeavesNoTruncatedArchiveAtTheTarget()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // needs mkfifo
        }

        var layer = "layer that blocks the exporter"u8.ToArray();
        registry.With(r => Fixtures.CommitArtifact(r, Fixtures.Artifact, layer));
        // The layer blob becomes a FIFO: the exporter blocks opening it after writing the first entries.
        var blob = Path.Combine(registry.Root, "blobs", "sha256", Digest.Compute(layer).Hex);
        File.Delete(blob);
        Run("mkfifo", blob);
        var outDir = registry.Scratch.Combine("out");
        Directory.CreateDirectory(outDir);
        var target = Path.Combine(outDir, "exported.ommx");

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { TestPaths.ToolDll, "export", Fixtures.Artifact, target, "--root", registry.Root })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Directory.EnumerateFileSystemEntries(outDir).Any() && DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(50);
            }

            if (process.HasExited)
            {
                Assert.Fail("export finished instead of blocking on the FIFO: " + process.StandardError.ReadToEnd());
            }

            Thread.Sleep(500); // let it write the first entries and block on the FIFO
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        Assert.False(File.Exists(target), "a truncated archive was left at the target path");
        Assert.Single(Directory.EnumerateFiles(outDir), f => Path.GetFileName(f).StartsWith(".exported.ommx.", StringComparison.Ordinal));
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(file, args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose() => registry.Dispose();
}
