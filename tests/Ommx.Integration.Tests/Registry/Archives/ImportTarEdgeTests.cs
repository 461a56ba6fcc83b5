using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Archives;

/// <summary>
/// Tar edge cases built byte by byte: each is refused as an <see cref="ArchiveFormatException"/> (the refusal
/// <c>ommx import</c> reports on one line for that source before it goes on to the next and prints its summary),
/// with nothing stored.
/// </summary>
public sealed class ImportTarEdgeTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Theory]
    [InlineData("pax-size-huge", "out of range")]
    [InlineData("pax-size-overflow", "truncated")]
    [InlineData("pax-size-negative", "")]
    [InlineData("gnu-sparse", "SparseFile")]
    [InlineData("gnu-sparse-pax", "GNU sparse file")]
    [InlineData("entry-over-2gib", "truncated")]
    [InlineData("manifest-over-2gib", "more than the 4.0 MiB a manifest may have")]
    [InlineData("manifest-over-cap", "more than the 4.0 MiB a manifest may have")]
    [InlineData("config-over-2gib", "")]
    public void Import_TarEdgeCase_RefusedOnOneLineNothingStored(string edge, string says)
    {
        var path = temp.Scratch.Combine(edge + ".ommx");
        File.WriteAllBytes(path, Build(edge));
        temp.Commit("example.com/edge/existing:v1", "existing"u8.ToArray());
        var refsBefore = temp.Registry.ListRefs().Count;
        var blobsBefore = Directory.EnumerateFiles(temp.Registry.Blobs.Sha256Directory).Count();

        var error = Assert.Throws<ArchiveFormatException>(() => OciArchiveImporter.Import(temp.Registry, path));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(refsBefore, temp.Registry.ListRefs().Count);
        Assert.Equal(blobsBefore, Directory.EnumerateFiles(temp.Registry.Blobs.Sha256Directory).Count());
    }

    private static byte[] Build(string edge)
    {
        var layer = "layer"u8.ToArray();
        var (_, manifest) = TarBuilder.Artifact(layer, "example.com/edge/a:v1");
        var tar = new RawTar();
        switch (edge)
        {
            case "pax-size-huge":
                tar.Pax(("size", "99999999999999999999999999")).File($"blobs/sha256/{Digest.Compute(layer).Hex}", layer);
                break;
            case "pax-size-overflow":
                tar.Pax(("size", "9223372036854775807")).File($"blobs/sha256/{Digest.Compute(layer).Hex}", layer);
                break;
            case "pax-size-negative":
                tar.Pax(("size", "-5")).File($"blobs/sha256/{Digest.Compute(layer).Hex}", layer);
                break;
            case "gnu-sparse":
                tar.Header($"blobs/sha256/{Digest.Compute(layer).Hex}", 'S', RawTar.Octal(layer.Length), layer, magic: "ustar  \0");
                break;
            case "gnu-sparse-pax":
                tar.Pax(("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", $"blobs/sha256/{Digest.Compute(layer).Hex}"), ("GNU.sparse.realsize", "5"))
                    .File($"blobs/sha256/{Digest.Compute(layer).Hex}", "1\n0\n5\nlayer"u8);
                break;
            case "entry-over-2gib":
                // The header declares 3 GiB; the data is not there.
                tar.Header($"blobs/sha256/{Digest.Compute(layer).Hex}", '0', RawTar.Base256(3L << 30), layer);
                break;
            case "manifest-over-2gib":
                tar.File(OciLayout.IndexFileName, System.Text.Encoding.UTF8.GetBytes(TarBuilder.Index(manifest, "example.com/edge/a:v1", size: 3L << 30)))
                    .File($"blobs/sha256/{Digest.Compute(manifest).Hex}", manifest);
                break;
            case "manifest-over-cap":
                // Really 5 MiB (one long annotation): read whole into memory, so refused by its size like pull does.
                var large = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2), [Descriptor.ForBytes(MediaTypes.InstanceV1, layer)])
                {
                    Annotations = new Dictionary<string, string> { ["com.example.padding"] = new string('x', 5 << 20) },
                }.ToCanonicalJson();
                tar.File(OciLayout.IndexFileName, System.Text.Encoding.UTF8.GetBytes(TarBuilder.Index(large, "example.com/edge/a:v1")))
                    .File($"blobs/sha256/{Digest.Compute(large).Hex}", large)
                    .File($"blobs/sha256/{MediaTypes.EmptyJsonDigest.Hex}", "{}"u8)
                    .File($"blobs/sha256/{Digest.Compute(layer).Hex}", layer);
                break;
            default:
                var config = new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 3L << 30);
                var big = new ImageManifest(MediaTypes.OmmxArtifact, config, [Descriptor.ForBytes(MediaTypes.InstanceV1, layer)]).ToCanonicalJson();
                tar.File(OciLayout.IndexFileName, System.Text.Encoding.UTF8.GetBytes(TarBuilder.Index(big, "example.com/edge/a:v1")))
                    .File($"blobs/sha256/{Digest.Compute(big).Hex}", big)
                    .File($"blobs/sha256/{MediaTypes.EmptyJsonDigest.Hex}", "{}"u8)
                    .File($"blobs/sha256/{Digest.Compute(layer).Hex}", layer);
                break;
        }

        return tar.ToArray();
    }

    public void Dispose() => temp.Dispose();
}
