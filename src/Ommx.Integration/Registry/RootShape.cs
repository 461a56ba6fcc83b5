using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>
/// What is on disk at a root before it is opened: whether it has an index, blobs, or the marker of an OCI
/// image layout. A root that holds blobs but whose index is missing or empty is not a Local Registry this
/// library may open as an empty one: every blob would look unreachable to GC.
/// </summary>
internal static class RootShape
{
    public const string OciLayoutFileName = "oci-layout";

    /// <summary>Why <paramref name="root"/> (an existing directory) must not be managed as a Local Registry, or <c>null</c>.</summary>
    public static string? NotALocalRegistry(string root)
    {
        if (File.Exists(Path.Combine(root, OciLayoutFileName)))
        {
            return $"{root} is an OCI image layout (it has an {OciLayoutFileName} file), not an OMMX Local Registry. "
                + $"Nothing was changed. To bring its artifacts into a Local Registry, run `ommx import {root}` with --root naming the registry.";
        }

        var index = new FileInfo(Path.Combine(root, RegistryIndex.FileName));
        if (index.Exists && index.Length > 0)
        {
            return null;
        }

        var blobs = CountBlobFiles(new BlobStore(root), stopAt: 1_000_000);
        if (blobs == 0)
        {
            return null;
        }

        var state = index.Exists ? $"its {RegistryIndex.FileName} is empty (0 bytes)" : $"it has no {RegistryIndex.FileName}";
        return $"{root} holds {blobs} blob file(s) under blobs/sha256 but {state}: it is not a Local Registry, or its index was lost. "
            + "Opened as an empty registry, every blob would look unreachable, so nothing was changed. "
            + $"Restore {RegistryIndex.FileName} from a backup, or point --root at the registry you meant.";
    }

    /// <summary>Throws <see cref="NotALocalRegistryException"/> when <see cref="NotALocalRegistry"/> finds a reason.</summary>
    public static void RequireLocalRegistry(string root)
    {
        if (NotALocalRegistry(root) is { } reason)
        {
            throw new NotALocalRegistryException(reason);
        }
    }

    private static int CountBlobFiles(BlobStore store, int stopAt)
    {
        if (!Directory.Exists(store.Sha256Directory))
        {
            return 0;
        }

        var count = 0;
        foreach (var path in Directory.EnumerateFiles(store.Sha256Directory))
        {
            if (Digest.TryFromBlobFileName(Path.GetFileName(path), out _) && ++count >= stopAt)
            {
                break;
            }
        }

        return count;
    }
}
