namespace Ommx.Integration.Experiments;

/// <summary>An operation the Experiment or Run cannot do in its current state (closed, committed, read-only).</summary>
public sealed class ExperimentStateException : OmmxException
{
    public ExperimentStateException(string message)
        : base(message)
    {
    }
}
