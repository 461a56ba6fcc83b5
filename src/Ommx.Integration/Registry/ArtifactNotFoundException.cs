namespace Ommx.Integration.Registry;

/// <summary>No ref of that name in the Local Registry (or it cannot be read).</summary>
public sealed class ArtifactNotFoundException : OmmxException
{
    public ArtifactNotFoundException(string message)
        : base(message)
    {
    }

    public ArtifactNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
