using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Distribution;

/// <summary>
/// A manifest and its <c>subject</c> ancestors as stored locally, newest first. The first manifest's whole
/// closure must be present; an ancestor is included only if its manifest and closure are present, and the
/// chain ends at the first one that is not (OMMX neither exports nor requires subject closures).
/// </summary>
internal static class LocalChain
{
    private const int MaxDepth = 64;

    public static IReadOnlyList<StoredManifest> Read(LocalRegistry registry, Digest top, ImageReference image)
    {
        var chain = new List<StoredManifest>();
        var seen = new HashSet<Digest>();
        Digest? next = top;
        while (next is { } digest && seen.Add(digest) && chain.Count < MaxDepth)
        {
            if (chain.Count > 0 && !registry.Blobs.Exists(digest))
            {
                break;
            }

            var bytes = registry.Blobs.Read(digest);
            var manifest = ImageManifest.Parse(bytes);
            if (MissingBlob(registry, manifest) is { } missing)
            {
                if (chain.Count == 0)
                {
                    throw new OmmxException(
                        $"Cannot push {image}: blob {missing.Digest} ({missing.Size} bytes) of manifest {digest} is missing or has the wrong size in the Local Registry");
                }

                break;
            }

            chain.Add(new StoredManifest(digest, bytes, manifest));
            next = manifest.Subject?.Digest;
        }

        return chain;
    }

    /// <summary>True when the manifest blob (verified) and every config/layer blob exist with the declared sizes.</summary>
    public static bool IsComplete(LocalRegistry registry, Digest manifestDigest)
    {
        if (!registry.Blobs.Exists(manifestDigest))
        {
            return false;
        }

        // A corrupt local manifest is a local error (it throws), never a reason to go to the network.
        return MissingBlob(registry, ImageManifest.ParseOmmx(registry.Blobs.Read(manifestDigest))) is null;
    }

    private static Descriptor? MissingBlob(LocalRegistry registry, ImageManifest manifest) =>
        manifest.Blobs().FirstOrDefault(b => registry.Blobs.SizeOf(b.Digest) != b.Size);
}
