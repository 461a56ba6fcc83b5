namespace Ommx.Integration.Registry;

/// <summary>
/// The disk holding the Local Registry has no space left. Nothing already stored is affected: the write that
/// failed was to a temp file, a journal line or a SQLite transaction, each of which is discarded whole.
/// </summary>
public sealed class StorageFullException : OmmxException
{
    public StorageFullException(string message, string path, string? mountPoint, long? freeBytes, Exception? innerException)
        : base(message, innerException)
    {
        Path = path;
        MountPoint = mountPoint;
        FreeBytes = freeBytes;
    }

    /// <summary>The file being written when the disk ran out.</summary>
    public string Path { get; }

    /// <summary>The file system (mount point or drive) that is full, when it could be found.</summary>
    public string? MountPoint { get; }

    public long? FreeBytes { get; }
}
