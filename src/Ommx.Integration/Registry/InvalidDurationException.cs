namespace Ommx.Integration.Registry;

/// <summary>A duration argument does not follow OMMX's grammar.</summary>
internal sealed class InvalidDurationException : OmmxException
{
    public InvalidDurationException(string message)
        : base(message)
    {
    }
}
