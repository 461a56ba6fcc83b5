namespace Ommx.Integration.Registry.Archives;

/// <summary>An archive or OCI layout directory is malformed or unsafe; the message names the entry.</summary>
internal sealed class ArchiveFormatException : OmmxException
{
    public ArchiveFormatException(string message)
        : base(message)
    {
    }

    public ArchiveFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
