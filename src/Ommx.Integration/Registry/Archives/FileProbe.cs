namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// What a path is, without opening it: its kind, its size, and an identity (device and inode on Linux, the
/// resolved full path elsewhere) that tells two names for one directory apart from two directories.
/// </summary>
internal readonly record struct FileProbe(FileKind Kind, long Size, string Identity)
{
    public bool IsRegular => Kind == FileKind.Regular;

    /// <summary>How an error message names the kind (“a FIFO”, “a character device”…).</summary>
    public string Described => Kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLinkLoop => "a symbolic-link loop",
        _ => "not a regular file",
    };
}
