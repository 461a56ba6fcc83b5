namespace Ommx.Integration.Registry;

/// <summary>What a caller is about to do with a Local Registry, which decides what opening it may create or must refuse.</summary>
internal enum RegistryAccess
{
    /// <summary>Store and publish: creates the root and its index when there is nothing there yet.</summary>
    Write,

    /// <summary>
    /// Only read: never creates the root, an index or any other file. The root must exist; an existing root
    /// without an index reads as an empty registry, and SQLite is opened read-only (so a read-only root works).
    /// </summary>
    Read,

    /// <summary>Delete blobs or refs: the root must exist and be a Local Registry with a non-empty index.</summary>
    Delete,
}
