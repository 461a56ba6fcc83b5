namespace Ommx.Integration.Registry.Archives;

/// <summary>What a path names on disk, as an importer needs to know before opening it.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    SymbolicLinkLoop,
    Other,
}
