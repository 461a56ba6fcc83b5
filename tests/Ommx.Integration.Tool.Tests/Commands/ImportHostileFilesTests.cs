using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json;
using Ommx.Integration.Tool.Commands;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>
/// Import reads only regular files, with size caps: FIFOs, devices and symlinks to them are refused per
/// source (never a hang, never an unbounded read), and a directory-symlink loop in a folder import does not
/// repeat an archive. Every import runs under a time limit so a regression fails instead of hanging.
/// </summary>
public sealed class ImportHostileFilesTests : IDisposable
{
    private const string Archive = "random_lp_instance.ommx";
    private readonly TempRegistry temp = new();

    [Fact]
    public void FolderImport_FifoNamedOmmx_RefusedOnItsOwn_OthersImported_SummaryPrinted()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // needs mkfifo
        }

        var folder = temp.Scratch.Combine("folder");
        Directory.CreateDirectory(folder);
        var fifo = Path.Combine(folder, "a-pipe.ommx");
        MakeFifo(fifo);
        File.Copy(TestPaths.RealArchive(Archive), Path.Combine(folder, "b-real.ommx"));

        var run = ImportWithin(fifo, folder);

        Assert.Equal(ExitCode.Problems, run.Exit);
        Assert.Contains($"{fifo}: Cannot open archive: {fifo} is a FIFO (named pipe); only regular files are read", run.All, StringComparison.Ordinal);
        Assert.Contains("Imported", run.All, StringComparison.Ordinal);
        Assert.Single(temp.Registry.ListRefs());
    }

    [Theory]
    [InlineData("index.json", "fifo")]
    [InlineData("index.json", "dev-zero")]
    [InlineData("oci-layout", "fifo")]
    [InlineData("oci-layout", "dev-zero")]
    [InlineData("blob", "fifo")]
    [InlineData("blob", "dev-zero")]
    public void OciDirectoryImport_NonRegularMetadataOrBlob_RefusedWithOneLine(string file, string kind)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // needs mkfifo and /dev/zero
        }

        var dir = temp.Scratch.Combine("layout");
        Directory.CreateDirectory(dir);
        TarFile.ExtractToDirectory(TestPaths.RealArchive(Archive), dir, overwriteFiles: true);
        File.WriteAllText(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var target = file == "blob"
            ? Directory.GetFiles(Path.Combine(dir, "blobs", "sha256")).OrderByDescending(f => new FileInfo(f).Length).First()
            : Path.Combine(dir, file);
        File.Delete(target);
        if (kind == "fifo")
        {
            MakeFifo(target);
        }
        else
        {
            File.CreateSymbolicLink(target, "/dev/zero");
        }

        var run = ImportWithin(target, dir);

        Assert.Equal(ExitCode.Problems, run.Exit);
        var expected = kind == "fifo" ? "is a FIFO (named pipe)" : file == "blob" ? "is a symbolic link" : "is a character device";
        var line = Assert.Single(run.All.Split('\n'), l => l.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(target, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.Empty(temp.Registry.ListRefs());
    }

    [Fact]
    public void FolderImport_DirectorySymlinkLoop_ImportsEachArchiveOnce()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // directory symlinks need privileges there
        }

        var folder = temp.Scratch.Combine("loop");
        var sub = Path.Combine(folder, "sub");
        Directory.CreateDirectory(sub);
        File.Copy(TestPaths.RealArchive(Archive), Path.Combine(sub, "one.ommx"));
        Directory.CreateSymbolicLink(Path.Combine(sub, "back"), folder);

        var run = ImportWithin(null, folder, json: true);

        Assert.Equal(ExitCode.Ok, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("imported").GetArrayLength());
        Assert.Equal(0, doc.RootElement.GetProperty("refused").GetArrayLength());
    }

    private CommandRun ImportWithin(string? fifoToRelease, string path, bool json = false)
    {
        var task = Task.Run(() => CommandRun.Of(console => new ImportCommand(console).Run(
            new ImportCommandOptions { Paths = [path], Root = temp.Root, Json = json })));
        if (!task.Wait(TimeSpan.FromSeconds(30)))
        {
            if (fifoToRelease is not null)
            {
                // Unblock the importer stuck opening the FIFO, then fail.
                using var writer = new FileStream(fifoToRelease, FileMode.Open, FileAccess.Write);
            }

            Assert.Fail("import did not finish within 30 s (blocked on a FIFO or reading without bound)");
        }

        return task.Result;
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose() => temp.Dispose();
}
