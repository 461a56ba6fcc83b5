namespace Ommx.Integration.Experiments;

/// <summary>A run-parameter layer is not the MessagePack table OMMX defines.</summary>
public sealed class RunParameterFormatException : OmmxException
{
    public RunParameterFormatException(string message)
        : base(message)
    {
    }
}
