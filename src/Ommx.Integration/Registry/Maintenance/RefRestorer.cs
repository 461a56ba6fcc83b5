using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Maintenance;

/// <summary>
/// Re-publishes a ref to a manifest that is still in the store (the rollback of <c>rm</c> and
/// prune-anonymous). Under <c>.gc-exclusion.lock</c> it verifies the whole closure — manifest, config,
/// every layer (size and hash) and the subject chain — then publishes without moving an existing ref.
/// </summary>
internal static class RefRestorer
{
    public static PublishResult Restore(LocalRegistry registry, ImageReference image, Digest manifestDigest)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        DigestReferences.Require(image, manifestDigest);
        using var exclusion = FileLock.Acquire(registry.GcExclusionLockPath);
        var stored = VerifyClosure(registry, manifestDigest);
        var result = registry.Index.Publish(image.RepositoryKey, image.Reference, registry.BuildCacheEntry(stored));
        if (result.IsConflict)
        {
            throw new RefConflictException(
                $"Cannot restore {image} to {manifestDigest}: ref currently points to {result.Existing}", result);
        }

        return result;
    }

    /// <summary>Checks that a manifest and everything it needs is present and intact.</summary>
    public static StoredManifest VerifyClosure(LocalRegistry registry, Digest manifestDigest)
    {
        ArgumentNullException.ThrowIfNull(registry);
        StoredManifest root;
        try
        {
            root = registry.ReadManifest(manifestDigest);
        }
        catch (OmmxException e)
        {
            throw new ClosureException($"Manifest closure blob is missing or invalid: {manifestDigest}", manifestDigest, e);
        }

        VerifyBlobs(registry, root.Manifest);
        var visited = new HashSet<Digest> { manifestDigest };
        var subject = root.Manifest.Subject;
        while (subject is not null && visited.Add(subject.Digest))
        {
            ImageManifest parent;
            try
            {
                var bytes = registry.Blobs.Read(subject.Digest);
                parent = ImageManifest.Parse(bytes);
            }
            catch (OmmxException e)
            {
                throw new ClosureException($"Subject manifest is missing or invalid: {subject.Digest}", subject.Digest, e);
            }

            subject = parent.Subject;
        }

        return root;
    }

    private static void VerifyBlobs(LocalRegistry registry, ImageManifest manifest)
    {
        foreach (var blob in manifest.Blobs().DistinctBy(b => b.Digest))
        {
            try
            {
                using var stream = registry.Blobs.OpenVerifiedRead(blob.Digest, blob.Size);
                stream.CopyTo(Stream.Null);
            }
            catch (OmmxException e)
            {
                throw new ClosureException($"Manifest closure blob is missing or invalid: {blob.Digest}", blob.Digest, e);
            }
        }
    }
}
