namespace Ommx.Integration.Experiments;

/// <summary>
/// Values of incompatible types were logged under one run-parameter name, so no typed column can
/// hold them all (only int64 and float64 mix; the column then becomes float64).
/// </summary>
public sealed class RunParameterTypeException : OmmxException
{
    public RunParameterTypeException(string message)
        : base(message)
    {
    }

    public RunParameterTypeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
