using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Listing;

namespace Ommx.Integration.Registry.Maintenance;

/// <summary>
/// The stored size of one artifact as <c>ommx size</c> computes it from the cache: manifest JSON + config
/// + each unique layer digest once (the subject excluded).
/// </summary>
internal static class ArtifactSize
{
    public static long Of(LocalRegistry registry, ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        var listing = ArtifactCatalog.List(registry, image.ToString(), includeInternal: true);
        var record = listing.Artifacts.FirstOrDefault(a => a.Image.Equals(image));
        if (record is null)
        {
            var warning = listing.Warnings.FirstOrDefault(w => w.ImageName == image.ToString());
            throw new ArtifactNotFoundException(warning?.ToString() ?? $"Artifact not found in the Local Registry: {image}");
        }

        return Of(record.ManifestJson.LongLength, record.Manifest);
    }

    public static long Of(long manifestLength, ImageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var sizes = new Dictionary<Digest, long>();
        foreach (var blob in manifest.Blobs())
        {
            if (sizes.TryGetValue(blob.Digest, out var known) && known != blob.Size)
            {
                throw new ManifestFormatException($"Manifest contains conflicting sizes for {blob.Digest}: {known} and {blob.Size}");
            }

            sizes[blob.Digest] = blob.Size;
        }

        try
        {
            return checked(manifestLength + sizes.Values.Sum());
        }
        catch (OverflowException)
        {
            throw new ManifestFormatException("Referenced blob size overflowed u64");
        }
    }
}
