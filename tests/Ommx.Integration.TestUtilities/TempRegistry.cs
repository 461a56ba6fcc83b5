using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.TestUtilities;

/// <summary>A Local Registry in its own temp directory; never the user's registry.</summary>
public sealed class TempRegistry : IDisposable
{
    private readonly TempDirectory directory = new();

    public TempRegistry() => Registry = LocalRegistry.Open(Root);

    public string Root => directory.Combine("registry");

    public LocalRegistry Registry { get; private set; }

    public TempDirectory Scratch => directory;

    /// <summary>Opens a second, independent instance on the same root (another "process").</summary>
    public LocalRegistry OpenAnother() => LocalRegistry.Open(Root);

    public void Reopen()
    {
        Registry.Dispose();
        Registry = LocalRegistry.Open(Root);
    }

    /// <summary>Stores layers and an empty config, then stores and publishes an OMMX artifact manifest.</summary>
    public Descriptor Commit(string image, params byte[][] layers) => Commit(Registry, image, layers);

    public static Descriptor Commit(LocalRegistry registry, string image, params byte[][] layers)
    {
        var descriptor = StoreArtifact(registry, layers);
        var result = registry.Publish(ImageReference.Parse(image), descriptor.Digest);
        if (result.IsConflict)
        {
            throw new RefConflictException($"conflict publishing {image}", result);
        }

        return descriptor;
    }

    public static Descriptor StoreArtifact(LocalRegistry registry, byte[][] layers, Descriptor? subject = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        registry.Blobs.Put(MediaTypes.EmptyJsonBytes);
        var descriptors = layers.Select(bytes =>
        {
            registry.Blobs.Put(bytes);
            return Descriptor.ForBytes(MediaTypes.InstanceV1, bytes) with { Annotations = new Dictionary<string, string>() };
        }).ToList();
        var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2), descriptors)
        {
            Subject = subject,
            Annotations = annotations,
        };
        return registry.StoreManifest(manifest);
    }

    public void Dispose()
    {
        Registry.Dispose();
        directory.Dispose();
    }
}
