namespace Ommx.Integration.Registry;

/// <summary>
/// The root holds data but is not a Local Registry this library may manage: blobs without an index, an
/// empty index file, or an OCI image layout. Nothing was changed.
/// </summary>
internal sealed class NotALocalRegistryException : OmmxException
{
    public NotALocalRegistryException(string message)
        : base(message)
    {
    }
}
