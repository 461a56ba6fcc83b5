using System.Formats.Tar;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Archives;

public sealed class OciDirectoryImporterTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private string ExtractRealArchive(string name, string dirName)
    {
        var dir = temp.Scratch.Combine(dirName);
        Directory.CreateDirectory(dir);
        TarFile.ExtractToDirectory(TestPaths.RealArchive(name), dir, overwriteFiles: true);
        if (!File.Exists(Path.Combine(dir, "oci-layout")))
        {
            File.WriteAllText(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        }

        return dir;
    }

    [Fact]
    public void Import_LayoutDirectory_KeepsNameDigestAndManifestBytes()
    {
        var dir = ExtractRealArchive("random_lp_instance.ommx", "layout");

        var result = OciDirectoryImporter.Import(temp.Registry, dir);

        Assert.Equal("ghcr.io/jij-inc/ommx/random_lp_instance:e69fb91", result.Image.ToString());
        var manifestPath = Path.Combine(dir, "blobs", "sha256", result.Manifest.Digest.Hex);
        Assert.Equal(File.ReadAllBytes(manifestPath), temp.Registry.Blobs.Read(result.Manifest.Digest));
        Assert.Equal(PublishOutcome.Unchanged, OciDirectoryImporter.Import(temp.Registry, dir).Outcome);
        Assert.Null(result.Manifest.Annotations);
    }

    [Fact]
    public void Import_ConflictingRef_RefusedBeforeAnyBlobIsStored()
    {
        temp.Commit("ghcr.io/jij-inc/ommx/random_lp_instance:e69fb91", "other"u8.ToArray());
        var before = Directory.GetFiles(temp.Registry.Blobs.Sha256Directory).Length;
        var dir = ExtractRealArchive("random_lp_instance.ommx", "conflict");

        Assert.Throws<RefConflictException>(() => OciDirectoryImporter.Import(temp.Registry, dir));

        Assert.Equal(before, Directory.GetFiles(temp.Registry.Blobs.Sha256Directory).Length);
    }

    [Fact]
    public void Import_CorruptBlobFile_RefusedNamingIt()
    {
        var dir = ExtractRealArchive("random_lp_instance.ommx", "corrupt");
        var layer = Path.Combine(dir, "blobs", "sha256", "54ba9752565494599fd3bbea59d99a31a6b536a3a6056e6651effc466d99380a");
        var bytes = File.ReadAllBytes(layer);
        bytes[10] ^= 0xff;
        File.WriteAllBytes(layer, bytes);

        var e = Assert.Throws<ArchiveFormatException>(() => OciDirectoryImporter.Import(temp.Registry, dir));

        Assert.Contains(layer, e.Message, StringComparison.Ordinal);
        Assert.Empty(temp.Registry.ListRefs());
    }

    [Fact]
    public void Import_ArtifactManifestDescriptor_Refused()
    {
        var dir = ExtractRealArchive("random_lp_instance.ommx", "artifact");
        var index = Path.Combine(dir, "index.json");
        File.WriteAllText(index, File.ReadAllText(index).Replace(MediaTypes.ImageManifest, MediaTypes.ArtifactManifest, StringComparison.Ordinal));

        var e = Assert.Throws<ArchiveFormatException>(() => OciDirectoryImporter.Import(temp.Registry, dir));

        Assert.Contains("OCI Artifact Manifest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_NoLayoutFile_Refused()
    {
        var dir = temp.Scratch.Combine("empty");
        Directory.CreateDirectory(dir);
        var e = Assert.Throws<ArchiveFormatException>(() => OciDirectoryImporter.Import(temp.Registry, dir));
        Assert.Contains("oci-layout", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
