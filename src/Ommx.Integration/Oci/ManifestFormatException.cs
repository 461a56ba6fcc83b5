namespace Ommx.Integration.Oci;

/// <summary>Bytes that should hold an OCI manifest, index or descriptor do not.</summary>
internal sealed class ManifestFormatException : OmmxException
{
    public ManifestFormatException(string message)
        : base(message)
    {
    }

    public ManifestFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
