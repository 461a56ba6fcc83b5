using System.Diagnostics;
using System.Formats.Tar;
using System.Text;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Archives;

public sealed class OciArchiveExporterTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void Export_Artifact_WritesOmmxLayoutInOrderWithDeterministicHeadersAndEachBlobOnce()
    {
        var descriptor = temp.Commit("example.com/export/a:v1", "first"u8.ToArray(), "second"u8.ToArray(), "first"u8.ToArray());
        var path = temp.Scratch.Combine("a.ommx");

        OciArchiveExporter.Export(temp.Registry, ImageReference.Parse("example.com/export/a:v1"), path);

        using var stream = File.OpenRead(path);
        using var reader = new TarReader(stream);
        var entries = new List<(string Name, byte[] Data, TarEntry Entry)>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            entries.Add((entry.Name, data.ToArray(), entry));
        }

        var first = Digest.Compute("first"u8).Hex;
        Assert.Equal(
            ["oci-layout", $"blobs/sha256/{descriptor.Digest.Hex}", $"blobs/sha256/{MediaTypes.EmptyJsonDigest.Hex}", $"blobs/sha256/{first}",
             $"blobs/sha256/{Digest.Compute("second"u8).Hex}", "index.json"],
            entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal(TarEntryFormat.Ustar, e.Entry.Format));
        Assert.All(entries, e => Assert.Equal(DateTimeOffset.UnixEpoch, e.Entry.ModificationTime));
        Assert.All(entries, e => Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), e.Entry.Mode));
        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", Encoding.UTF8.GetString(entries[0].Data));
        Assert.Equal(
            $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{descriptor.Digest}\",\"size\":{descriptor.Size},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"example.com/export/a:v1\"}}}}]}}",
            Encoding.UTF8.GetString(entries[^1].Data));
        Assert.Equal(0, new FileInfo(path).Length % 512);
    }

    [Fact]
    public void Export_OutputExists_RefusedAndFileUntouched()
    {
        temp.Commit("example.com/export/a:v1", "x"u8.ToArray());
        var path = temp.Scratch.Combine("exists.ommx");
        File.WriteAllText(path, "keep me");

        var e = Assert.Throws<OmmxException>(() => OciArchiveExporter.Export(temp.Registry, ImageReference.Parse("example.com/export/a:v1"), path));

        Assert.Equal($"Failed to create archive at {path} (file already exists)", e.Message);
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void Export_CorruptLayer_FailsAndRemovesPartialFile()
    {
        temp.Commit("example.com/export/a:v1", "layer-to-corrupt"u8.ToArray());
        File.WriteAllText(temp.Registry.Blobs.PathFor(Digest.Compute("layer-to-corrupt"u8)), "layer-to-corrup7");
        var path = temp.Scratch.Combine("partial.ommx");

        Assert.ThrowsAny<OmmxException>(() => OciArchiveExporter.Export(temp.Registry, ImageReference.Parse("example.com/export/a:v1"), path));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Export_ReadBySkopeo_PrintsOurManifestBytes()
    {
        var imported = OciArchiveImporter.Import(temp.Registry, TestPaths.RealArchive("random_lp_instance.ommx"));
        var path = temp.Scratch.Combine("skopeo.ommx");
        OciArchiveExporter.Export(temp.Registry, imported.Image, path);

        var (exit, stdout, stderr) = Run("skopeo", "inspect", "--raw", $"oci-archive:{path}");

        Assert.True(exit == 0, $"skopeo failed ({exit}): {stderr}");
        Assert.Equal(temp.Registry.Blobs.Read(imported.Manifest.Digest), Encoding.UTF8.GetBytes(stdout.TrimEnd('\n')));
    }

    internal static (int Exit, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{file} is not installed; .ci/run installs it with apt-get ({e.Message})", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    public void Dispose() => temp.Dispose();
}
