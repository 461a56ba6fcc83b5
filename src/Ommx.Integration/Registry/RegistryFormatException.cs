namespace Ommx.Integration.Registry;

/// <summary>The registry on disk is in a shape this library does not accept (schema version, corrupt rows).</summary>
internal sealed class RegistryFormatException : OmmxException
{
    public RegistryFormatException(string message)
        : base(message)
    {
    }

    public RegistryFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
