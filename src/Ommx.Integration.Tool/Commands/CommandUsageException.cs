namespace Ommx.Integration.Tool.Commands;

/// <summary>Bad command input (exit code 2), detected before the registry is opened.</summary>
internal sealed class CommandUsageException : OmmxException
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
