using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// Writes a <c>.ommx</c> archive (an OCI image layout in an uncompressed tar) for one ref: <c>oci-layout</c>,
/// the manifest, config and layer blobs copied verbatim (each verified while copying), then
/// <c>index.json</c> naming the image. Each blob is written once however often the manifest names it. The
/// subject chain is not included. Refuses an existing output file; writes beside it and renames at the end.
/// </summary>
internal static class OciArchiveExporter
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
        if (File.Exists(outputPath) || Directory.Exists(outputPath))
        {
            throw new OmmxException($"Failed to create archive at {outputPath} (file already exists)");
        }

        // Written beside the target under a temp name and renamed (no clobber) only when complete, so a
        // killed export never leaves a truncated archive at the path the user named.
        var partialPath = PartialPathFor(outputPath);
        FileStream output;
        try
        {
            output = new FileStream(partialPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (StorageErrors.IsFileError(e) || e is ArgumentException or NotSupportedException)
        {
            throw new OmmxException($"Failed to create archive at {outputPath} (path is invalid or its directory is not writable): {e.Message}", e);
        }

        try
        {
            using (output)
            {
                var tar = new UstarWriter(output);
                tar.WriteFile(OciLayout.LayoutFileName, OciLayout.LayoutBytes);
                tar.WriteFile(BlobPath(stored.Digest), stored.Bytes);

                // A manifest may name one blob more than once (an Experiment's repeated diagnostics layer,
                // a config that is also a layer): the archive holds each blob once.
                foreach (var blob in stored.Manifest.Blobs().DistinctBy(b => b.Digest).Where(b => b.Digest != stored.Digest))
                {
                    using var content = registry.Blobs.OpenVerifiedRead(blob.Digest, blob.Size);
                    tar.WriteFile(BlobPath(blob.Digest), content, blob.Size);
                }

                tar.WriteFile(OciLayout.IndexFileName, OciLayout.IndexBytes(stored.Descriptor, image));
                tar.Finish();
                output.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(partialPath, outputPath, overwrite: false);
            }
            catch (IOException e) when (File.Exists(outputPath))
            {
                throw new OmmxException($"Failed to create archive at {outputPath} (file already exists)", e);
            }
        }
        finally
        {
            BlobStore.TryDelete(partialPath);
        }

        return stored.Descriptor;
    }

    /// <summary>A hidden temp name in the target's directory (same file system, so the final rename is atomic).</summary>
    private static string PartialPathFor(string outputPath)
    {
        var full = Path.GetFullPath(outputPath);
        var directory = Path.GetDirectoryName(full) ?? ".";
        return Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid().ToString("N")[..8]}.partial");
    }

    internal static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";
}
