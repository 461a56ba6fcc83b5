using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Safety;

/// <summary>
/// A ref whose manifest fails its hash check, cannot be parsed or is missing keeps everything it might
/// reach: GC marks what the bytes still name, and holds back every deletion when that may be incomplete.
/// </summary>
public sealed class GcUnverifiableManifestTests : IDisposable
{
    private static readonly GcOptions DeleteNow = new() { GracePeriod = TimeSpan.Zero, Delete = true };
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Delete_OneFlippedByteOutsideTheDigests_KeepsConfigAndLayersAndReportsTheManifest()
    {
        var manifest = temp.Commit("example.com/ommx/flipped:v1", "layer-a"u8.ToArray(), "layer-b"u8.ToArray());
        var orphan = Registry.Blobs.Put("true orphan"u8);
        Rewrite(manifest.Digest, json => json.Replace("application/org.ommx.v1.artifact", "application/org.ommx.v1.artifacT", StringComparison.Ordinal));

        var report = RegistryGc.Run(Registry, DeleteNow);

        Assert.True(Registry.Blobs.Exists(Digest.Compute("layer-a"u8)));
        Assert.True(Registry.Blobs.Exists(Digest.Compute("layer-b"u8)));
        Assert.True(Registry.Blobs.Exists(MediaTypes.EmptyJsonDigest));
        Assert.True(File.Exists(Registry.Blobs.PathFor(manifest.Digest)));
        Assert.Contains(report.InvalidManifests, i => i.Digest == manifest.Digest && i.Error.Contains("hash check", StringComparison.Ordinal));
        Assert.Empty(report.DeletionHolds);
        Assert.Equal([orphan], report.DeletedBlobs.Select(b => b.Digest));
    }

    [Fact]
    public void Delete_FlippedByteInsideALayerDigest_HoldsEveryDeletion()
    {
        var layer = Digest.Compute("layer-c"u8);
        var manifest = temp.Commit("example.com/ommx/digest-flip:v1", "layer-c"u8.ToArray());
        var orphan = Registry.Blobs.Put("orphan kept while held"u8);
        var flipped = (layer.Hex[0] == 'a' ? 'b' : 'a') + layer.Hex[1..];
        Rewrite(manifest.Digest, json => json.Replace(layer.Hex, flipped, StringComparison.Ordinal));

        var report = RegistryGc.Run(Registry, DeleteNow);

        Assert.True(Registry.Blobs.Exists(layer));
        Assert.True(Registry.Blobs.Exists(orphan));
        Assert.Empty(report.DeletedBlobs);
        var hold = Assert.Single(report.DeletionHolds);
        Assert.Equal(manifest.Digest.ToString(), hold.Subject);
        Assert.Contains("example.com/ommx/digest-flip:v1", hold.Message, StringComparison.Ordinal);
        Assert.Contains(report.HeldBlobs, b => b.Digest == layer);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("missing")]
    public void Delete_ManifestUnparseableOrMissing_HoldsEveryDeletion(string damage)
    {
        var manifest = temp.Commit("example.com/ommx/lost:v1", "child-layer"u8.ToArray());
        var path = Registry.Blobs.PathFor(manifest.Digest);
        if (damage == "missing")
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllText(path, "garbage");
        }

        var report = RegistryGc.Run(Registry, DeleteNow);

        Assert.True(Registry.Blobs.Exists(Digest.Compute("child-layer"u8)));
        Assert.Empty(report.DeletedBlobs);
        Assert.NotEmpty(report.DeletionHolds);
    }

    private void Rewrite(Digest digest, Func<string, string> change)
    {
        var path = Registry.Blobs.PathFor(digest);
        var before = File.ReadAllText(path, Encoding.UTF8);
        var after = change(before);
        Assert.NotEqual(before, after);
        Assert.Equal(before.Length, after.Length);
        File.WriteAllText(path, after, new UTF8Encoding(false));
    }

    public void Dispose() => temp.Dispose();
}
