using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// Writes a <c>.ommx</c> archive (an OCI image layout in an uncompressed tar) for one ref: <c>oci-layout</c>,
/// the manifest, config and layer blobs copied verbatim (each verified while copying), then
/// <c>index.json</c> naming the image. The subject chain is not included. Refuses an existing output file.
/// </summary>
public static class OciArchiveExporter
{
    public static Descriptor Export(LocalRegistry registry, ImageReference image, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        var digest = registry.Resolve(image) ?? throw new ArtifactNotFoundException($"Artifact not found in the Local Registry: {image}");
        return Export(registry, image, digest, outputPath);
    }

    /// <summary>Exports the manifest <paramref name="manifestDigest"/> under the name <paramref name="image"/>.</summary>
    public static Descriptor Export(LocalRegistry registry, ImageReference image, Digest manifestDigest, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        var stored = registry.ReadManifest(manifestDigest);
        FileStream output;
        try
        {
            output = new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new OmmxException($"Failed to create archive at {outputPath} (file already exists or path is invalid)", e);
        }

        try
        {
            using (output)
            {
                var tar = new UstarWriter(output);
                tar.WriteFile(OciLayout.LayoutFileName, OciLayout.LayoutBytes);
                tar.WriteFile(BlobPath(stored.Digest), stored.Bytes);
                foreach (var blob in stored.Manifest.Blobs())
                {
                    using var content = registry.Blobs.OpenVerifiedRead(blob.Digest, blob.Size);
                    tar.WriteFile(BlobPath(blob.Digest), content, blob.Size);
                }

                tar.WriteFile(OciLayout.IndexFileName, OciLayout.IndexBytes(stored.Descriptor, image));
                tar.Finish();
                output.Flush(flushToDisk: true);
            }
        }
        catch
        {
            BlobStore.TryDelete(outputPath);
            throw;
        }

        return stored.Descriptor;
    }

    internal static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";
}
