using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// Imports an OCI image-layout directory (<c>oci-layout</c> 1.0.0, <c>index.json</c> with one manifest,
/// <c>blobs/sha256/…</c>), verifying each blob's hash and size. A conflicting ref is refused before any
/// blob is stored.
/// </summary>
internal static class OciDirectoryImporter
{
    private const long MaxMetadataBytes = 16 << 20;

    public static ImportResult Import(LocalRegistry registry, string directory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var where = $"OCI directory {directory}";
        var layoutPath = Path.Combine(directory, OciLayout.LayoutFileName);
        if (RegularFiles.Probe(layoutPath, followLinks: false).Kind == FileKind.Missing)
        {
            throw new ArchiveFormatException($"{where} has no {OciLayout.LayoutFileName} file");
        }

        OciLayout.CheckLayout(RegularFiles.ReadSmall(layoutPath, MaxMetadataBytes, where), where);
        var indexPath = Path.Combine(directory, OciLayout.IndexFileName);
        if (RegularFiles.Probe(indexPath, followLinks: false).Kind == FileKind.Missing)
        {
            throw new ArchiveFormatException($"{where} has no {OciLayout.IndexFileName} file");
        }

        var descriptor = OciLayout.SingleManifest(RegularFiles.ReadSmall(indexPath, MaxMetadataBytes, where), where);
        using var session = new ImportSession(registry, where);
        var image = session.ImageNameFor(descriptor);
        session.CheckNoConflict(image, descriptor.Digest);

        Stage(session, directory, descriptor, where);
        if (descriptor.MediaType == MediaTypes.ImageManifest && session.ReadStaged(descriptor.Digest) is { } bytes)
        {
            ImageManifest? manifest = null;
            try
            {
                manifest = ImageManifest.Parse(bytes);
            }
            catch (ManifestFormatException)
            {
                // Finish reports the invalid manifest with the directory's name.
            }

            foreach (var blob in manifest?.Blobs() ?? [])
            {
                Stage(session, directory, blob, where);
            }
        }

        return session.Finish(descriptor, image);
    }

    private static void Stage(ImportSession session, string directory, Descriptor descriptor, string where)
    {
        if (session.IsStaged(descriptor.Digest))
        {
            return;
        }

        var path = BlobFile(directory, descriptor.Digest);
        var probe = RegularFiles.Probe(path, followLinks: false);
        if (probe.Kind == FileKind.Missing)
        {
            // Not in the directory: the closure check accepts it if the store already has it.
            return;
        }

        if (!probe.IsRegular)
        {
            throw new ArchiveFormatException($"{where}: blob {path} is {probe.Described}; only regular files are read");
        }

        if (probe.Size != descriptor.Size)
        {
            throw new ArchiveFormatException(
                $"{where}: blob {path} does not match its descriptor ({descriptor.Digest}, {descriptor.Size} bytes); it holds {probe.Size} bytes");
        }

        using var stream = RegularFiles.OpenRead(path, where);
        var blob = session.StageFrom(stream);
        if (blob.Digest != descriptor.Digest || blob.Size != descriptor.Size)
        {
            blob.Dispose();
            throw new ArchiveFormatException(
                $"{where}: blob {path} does not match its descriptor ({descriptor.Digest}, {descriptor.Size} bytes); it holds {blob.Digest}, {blob.Size} bytes");
        }

        session.Add(blob);
    }

    private static string BlobFile(string directory, Digest digest) =>
        Path.Combine(directory, "blobs", digest.Algorithm, digest.Hex);
}
