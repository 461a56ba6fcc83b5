namespace Ommx.Integration.Experiments;

/// <summary>One run-parameter name carries values of incompatible types across Runs.</summary>
public sealed class RunParameterTypeException : OmmxException
{
    public RunParameterTypeException(string message)
        : base(message)
    {
    }
}
