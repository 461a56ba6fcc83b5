using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

public sealed partial class LocalRegistry
{
    /// <summary>
    /// Pushes the local ref <paramref name="image"/> to the OCI registry its name points at (blobs only if
    /// missing there, then the exact manifest bytes, so the digest is preserved).
    /// </summary>
    /// <exception cref="ArtifactNotFoundException">The ref is not in this Local Registry.</exception>
    /// <exception cref="RegistryException">The registry refused or could not be reached (see <see cref="RegistryException.Kind"/>).</exception>
    public PushResult Push(ImageReference image, RemoteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ImagePusher.Push(this, image, options ?? new RemoteOptions());
    }

    /// <summary>
    /// Pulls <paramref name="image"/> (tag or digest) from its registry into this Local Registry, verifying
    /// every byte; returns at once without network access when the ref and its closure are already here.
    /// </summary>
    /// <exception cref="RegistryException">Not found remotely, refused, unreachable, or the content failed verification.</exception>
    /// <exception cref="RefConflictException">The local ref already points at a different manifest.</exception>
    public PullResult Pull(ImageReference image, RemoteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ImagePuller.Pull(this, image, options ?? new RemoteOptions());
    }
}
