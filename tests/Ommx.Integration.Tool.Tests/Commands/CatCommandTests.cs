using System.Diagnostics;
using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary><c>ommx cat</c> through the real tool: raw bytes of Experiment and Run attachments, and errors that name what exists.</summary>
public sealed class CatCommandTests : IDisposable
{
    private const string Image = "example.com/cli/cat:v1";
    private static readonly byte[] Binary = [0x00, 0xff, 0x0d, 0x0a, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xc3, 0x28, 0x80];
    private readonly TempRegistryRoot temp = new();

    public CatCommandTests() => temp.With(registry =>
    {
        using var experiment = Experiment.Create(registry, Image);
        experiment.DurableRuns = false;
        experiment.LogJson("dataset", new { size = 3, name = "Über" });
        experiment.Run(run =>
        {
            run.LogText("output.txt", "line 1\r\nÜber ✓\n");
            run.LogBytes("raw.bin", "application/octet-stream", Binary);
            run.LogBytes("big.bin", "application/octet-stream", new byte[4 << 20]);
        });
        experiment.Run(run => run.LogText("stack-trace.txt", "at Foo()\n", AttachmentCompression.Zstd));
        experiment.Commit();
    });

    [Fact]
    public void ExperimentJson_PrintsTheStoredBytes()
    {
        var (exit, stdout, stderr) = OmmxTool.RunForBytes("cat", Image, "dataset", "--root", temp.Root);

        Assert.True(exit == 0, stderr);
        Assert.Equal("""{"name":"Über","size":3}""", Encoding.UTF8.GetString(stdout));
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void RunText_PrintsBytesUnchanged()
    {
        var (exit, stdout, _) = OmmxTool.RunForBytes("cat", Image, "output.txt", "--run", "0", "--root", temp.Root);

        Assert.Equal(0, exit);
        Assert.Equal(Encoding.UTF8.GetBytes("line 1\r\nÜber ✓\n"), stdout);
    }

    [Fact]
    public void RunBinary_PrintsEveryByte()
    {
        var (exit, stdout, _) = OmmxTool.RunForBytes("cat", Image, "raw.bin", "--run", "0", "--root", temp.Root);

        Assert.Equal(0, exit);
        Assert.Equal(Binary, stdout);
    }

    [Fact]
    public void ZstdAttachment_PrintsTheLoggedBytes()
    {
        var (exit, stdout, _) = OmmxTool.RunForBytes("cat", Image, "stack-trace.txt", "--run", "1", "--root", temp.Root);

        Assert.Equal(0, exit);
        Assert.Equal("at Foo()\n", Encoding.UTF8.GetString(stdout));
    }

    [Fact]
    public void RunAttachmentWithoutRun_NamesWhatExistsAndWhichRunHasIt()
    {
        var result = temp.Ommx("cat", Image, "output.txt");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains($"Attachment `output.txt` not found in Experiment {Image}; its attachments: `dataset`.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run(s) 0 have `output.txt`: add --run 0.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MistypedRunAttachment_ListsTheRunsAttachmentsWithSuggestion()
    {
        var result = temp.Ommx("cat", Image, "outptu.txt", "--run", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Attachment `outptu.txt` not found in Run 0 of Experiment {Image}; its attachments: `big.bin`, `output.txt`, `raw.bin`. Did you mean `output.txt`?", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRun_ListsTheRuns()
    {
        var result = temp.Ommx("cat", Image, "output.txt", "--run", "7");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Run 7 not found in Experiment {Image}; its Runs: 0, 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NonExperimentArtifact_SaysWhatItIs()
    {
        temp.With(registry => { Fixtures.CommitArtifact(registry, Fixtures.Artifact, [1, 2, 3]); });

        var result = temp.Ommx("cat", Fixtures.Artifact, "anything");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is an application/org.ommx.v1.artifact artifact, not an Experiment", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReaderGoesAway_LikeHead_ExitsQuietly()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { TestPaths.ToolDll, "cat", Image, "big.bin", "--run", "0", "--root", temp.Root })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var first = new byte[16];
        process.StandardOutput.BaseStream.ReadExactly(first);
        process.StandardOutput.Close(); // as `| head -c 16` does
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)));

        Assert.Equal(string.Empty, await stderr);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void MissingRoot_ErrorNamesItAndCreatesNothing()
    {
        var root = temp.Scratch.Combine("typo", "registry");

        var result = OmmxTool.Run("cat", Image, "dataset", "--root", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{root} does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Scratch.Combine("typo")));
    }

    public void Dispose() => temp.Dispose();
}
