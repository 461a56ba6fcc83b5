namespace Ommx.Integration.Distribution;

/// <summary>
/// A push or pull failed. The message names the registry host, the repository and what went wrong; it
/// never contains credentials or tokens.
/// </summary>
public sealed class RegistryException : OmmxException
{
    public RegistryException(RegistryErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    public RegistryErrorKind Kind { get; }

    /// <summary>Worth trying again after a pause: the connection broke, or the registry said 5xx / 429.</summary>
    internal bool IsTransient { get; init; }
}
