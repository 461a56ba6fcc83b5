namespace Ommx.Integration.Model;

/// <summary>A state cannot be evaluated against an Instance (unknown or missing ids, non-finite or inconsistent values).</summary>
public sealed class EvaluationException : OmmxException
{
    public EvaluationException(string message)
        : base(message)
    {
    }

    public EvaluationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
