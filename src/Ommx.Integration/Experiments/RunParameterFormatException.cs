namespace Ommx.Integration.Experiments;

/// <summary>Bytes that should hold a MessagePack run-parameter table do not.</summary>
internal sealed class RunParameterFormatException : OmmxException
{
    public RunParameterFormatException(string message)
        : base(message)
    {
    }

    public RunParameterFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
