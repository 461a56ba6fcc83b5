namespace Ommx.Integration.Registry;

/// <summary>A ref already points to another manifest and OMMX never moves a published ref.</summary>
public sealed class RefConflictException : OmmxException
{
    internal RefConflictException(string message, PublishResult result)
        : base(message) => Result = result;

    internal PublishResult Result { get; }
}
