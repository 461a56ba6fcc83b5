using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Acceptance;

/// <summary>
/// Issue 7's acceptance: import the whole OmmxQuantumBenchmarks corpus (1,076 archives) in one call,
/// doctor reports healthy, then one flipped byte in one layer blob makes doctor exit 1 naming that blob
/// and every ref that reaches it.
/// </summary>
[Trait("Category", "Corpus")]
public sealed class CorpusAcceptanceTests : IDisposable
{
    private readonly TempRegistryRoot registry = new();

    [Fact]
    public void ImportCorpus_ThenCorruptOneLayer_DoctorNamesBlobAndEveryRef()
    {
        var archives = Unpack(registry.Scratch.Combine("corpus"));
        Assert.Equal(1076, archives.Count);

        var import = registry.Ommx(["import", "--json", .. archives]);
        Assert.True(import.ExitCode == 0, import.ToString());
        var imported = import.Json().GetProperty("imported").EnumerateArray()
            .Select(i => (Image: i.GetProperty("image_name").GetString()!, Digest: i.GetProperty("manifest_digest").GetString()!))
            .ToList();
        Assert.Equal(1076, imported.Count);
        Assert.Equal(0, import.Json().GetProperty("refused").GetArrayLength());

        var healthy = registry.Ommx("doctor");
        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Assert.Contains("        Refs 1076 ref(s), closures checked\n", healthy.Stdout, StringComparison.Ordinal);

        // The layer the most refs share, so "every ref that reaches it" means more than one.
        var reachedBy = imported
            .SelectMany(i => Layers(i.Digest).Select(layer => (Layer: layer, i.Image)))
            .GroupBy(p => p.Layer)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First();
        var expectedRefs = reachedBy.Select(p => p.Image).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(expectedRefs.Count > 1, "expected a layer shared by several refs");
        FlipOneByte(BlobPath(reachedBy.Key));

        var broken = registry.Ommx("doctor");
        var json = registry.Ommx("doctor", "--json");

        Assert.Equal(1, broken.ExitCode);
        var refLines = string.Concat(expectedRefs.Select(r => $"  ref {r}\n"));
        Assert.Contains($"     Corrupt {reachedBy.Key}: layer blob content does not hash to its digest\n{refLines}  hint: ", broken.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        var problem = Assert.Single(json.Json().GetProperty("problems").EnumerateArray());
        Assert.Equal("corrupt_blob", problem.GetProperty("kind").GetString());
        Assert.Equal(reachedBy.Key, problem.GetProperty("subject").GetString());
        Assert.Equal(expectedRefs, problem.GetProperty("refs").EnumerateArray().Select(r => r.GetString()!));
    }

    private static List<string> Unpack(string folder)
    {
        Directory.CreateDirectory(folder);
        using (var file = File.OpenRead(TestPaths.Corpus))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: false);
        }

        return Directory.EnumerateFiles(folder, "*.ommx").Order(StringComparer.Ordinal).ToList();
    }

    private string BlobPath(string digest) => Path.Combine(registry.Root, "blobs", "sha256", digest["sha256:".Length..]);

    private IEnumerable<string> Layers(string manifestDigest)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(BlobPath(manifestDigest)));
        return manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();
    }

    private static void FlipOneByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    public void Dispose() => registry.Dispose();
}
