using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Push and pull on a <see cref="LocalRegistry"/>. They live here, not on the registry itself, so that
/// distribution depends on the registry and never the reverse.
/// </summary>
public static class RegistryRemoteExtensions
{
    /// <summary>
    /// Pushes the local ref <paramref name="image"/> to the OCI registry its name points at (blobs only if
    /// missing there, then the exact manifest bytes, so the digest is preserved).
    /// </summary>
    /// <exception cref="ArtifactNotFoundException">The ref is not in this Local Registry.</exception>
    /// <exception cref="RegistryException">The registry refused or could not be reached (see <see cref="RegistryException.Kind"/>).</exception>
    public static PushResult Push(this LocalRegistry registry, ImageReference image, RemoteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        return ImagePusher.Push(registry, image, options ?? new RemoteOptions());
    }

    /// <summary>
    /// Pulls <paramref name="image"/> (tag or digest) from its registry into this Local Registry, verifying
    /// every byte; returns at once without network access when the ref and its closure are already here.
    /// </summary>
    /// <exception cref="RegistryException">Not found remotely, refused, unreachable, or the content failed verification.</exception>
    /// <exception cref="RefConflictException">The local ref already points at a different manifest.</exception>
    public static PullResult Pull(this LocalRegistry registry, ImageReference image, RemoteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        return ImagePuller.Pull(registry, image, options ?? new RemoteOptions());
    }
}
