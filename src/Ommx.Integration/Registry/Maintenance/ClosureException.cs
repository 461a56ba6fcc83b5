using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Maintenance;

/// <summary>A manifest's closure (config, layers, subject chain) is incomplete or corrupt.</summary>
internal sealed class ClosureException : OmmxException
{
    public ClosureException(string message, Digest digest, Exception? innerException)
        : base(message, innerException) => Digest = digest;

    /// <summary>The blob that is missing or invalid.</summary>
    public Digest Digest { get; }
}
