namespace Ommx.Integration.Registry;

/// <summary>A ref already points to another manifest and OMMX never moves a published ref.</summary>
public sealed class RefConflictException : OmmxException
{
    public RefConflictException(string message, PublishResult result)
        : base(message) => Result = result;

    public PublishResult Result { get; }
}
