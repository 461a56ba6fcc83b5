namespace Ommx.Integration.Registry;

/// <summary>A writing command was pointed at a root the file system does not let this process write.</summary>
internal sealed class ReadOnlyRegistryException : OmmxException
{
    public ReadOnlyRegistryException(string root, Exception? innerException)
        : base($"Local Registry root {root} is read-only: this command writes to it. Read commands (list, experiments, inspect, "
            + "doctor without --fix, gc without --delete) work on it; to write, use a writable root or remount it read-write.", innerException)
    {
        Root = root;
    }

    public string Root { get; }
}
