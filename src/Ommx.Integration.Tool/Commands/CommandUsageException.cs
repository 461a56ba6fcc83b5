namespace Ommx.Integration.Commands;

/// <summary>Bad command input (exit code 2), detected before the registry is opened.</summary>
public sealed class CommandUsageException : OmmxException
{
    public CommandUsageException(string message)
        : base(message)
    {
    }

    public CommandUsageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
