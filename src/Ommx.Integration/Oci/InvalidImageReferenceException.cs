namespace Ommx.Integration.Oci;

/// <summary>An image name that does not follow the OCI reference grammar, with OMMX's message shape.</summary>
public sealed class InvalidImageReferenceException : OmmxException
{
    public InvalidImageReferenceException(string input, string reason)
        : base($"Invalid image reference {RustDebug.Quote(input)}: {reason}")
    {
        Input = input;
        Reason = reason;
    }

    public string Input { get; }

    public string Reason { get; }
}
