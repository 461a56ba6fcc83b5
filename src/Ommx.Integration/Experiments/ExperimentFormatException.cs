namespace Ommx.Integration.Experiments;

/// <summary>An artifact is not a valid Experiment (bad config, layer refs out of range, wrong media types).</summary>
internal sealed class ExperimentFormatException : OmmxException
{
    public ExperimentFormatException(string message)
        : base(message)
    {
    }

    public ExperimentFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
