namespace Ommx.Integration;

/// <summary>
/// The base of every error this library raises on purpose. The message always names the thing
/// that was wrong (an image name, a digest, a file) and, where it helps, what to do about it.
/// </summary>
public class OmmxException : Exception
{
    public OmmxException(string message)
        : base(message)
    {
    }

    public OmmxException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
