namespace Ommx.Integration.Model;

/// <summary>
/// An OMMX payload (Instance, Solution, SampleSet) is malformed or breaks one of OMMX's rules; the
/// message names the message, field and id at fault.
/// </summary>
public class ModelFormatException : OmmxException
{
    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
