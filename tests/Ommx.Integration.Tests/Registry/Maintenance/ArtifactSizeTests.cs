using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Maintenance;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Maintenance;

public sealed class ArtifactSizeTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void Of_DuplicateLayerAndSubject_CountsManifestConfigAndUniqueLayersOnly()
    {
        var parent = temp.Commit("example.com/size/parent:latest", "parent-payload-is-long"u8.ToArray());
        var layer = "layer"u8.ToArray();
        var child = TempRegistry.StoreArtifact(temp.Registry, [layer, layer], subject: parent);
        var image = ImageReference.Parse("example.com/size/child:latest");
        temp.Registry.Publish(image, child.Digest);
        File.Delete(temp.Registry.Blobs.PathFor(child.Digest));

        var size = ArtifactSize.Of(temp.Registry, image);

        Assert.Equal(child.Size + 2 + layer.Length, size);
    }

    [Fact]
    public void Of_UnknownImage_ArtifactNotFound()
    {
        var e = Assert.Throws<ArtifactNotFoundException>(() => ArtifactSize.Of(temp.Registry, ImageReference.Parse("example.com/none:latest")));
        Assert.Equal("Artifact not found in the Local Registry: example.com/none:latest", e.Message);
    }

    [Fact]
    public void Of_SameDigestTwoSizes_ConflictingSizesError()
    {
        var d = Digest.Compute("x"u8);
        var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2),
            [new Descriptor(MediaTypes.OctetStream, d, 1), new Descriptor(MediaTypes.OctetStream, d, 2)]);

        var e = Assert.Throws<ManifestFormatException>(() => ArtifactSize.Of(10, manifest));
        Assert.Contains("conflicting sizes", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
