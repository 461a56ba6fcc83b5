using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Distribution;

/// <summary>
/// The one call a build step (the <c>OmmxPushAfterCommit</c> MSBuild target) makes after a commit: push an
/// image from a Local Registry root and get back a result it can log, never an exception. Credentials come
/// from the environment or the Docker config, as for <c>ommx push</c>.
/// </summary>
internal static class PushAfterCommit
{
    /// <param name="imageName">The committed image, e.g. <c>ghcr.io/team/experiments:build-42</c>.</param>
    /// <param name="root">The Local Registry root; <c>null</c> for <c>$OMMX_LOCAL_REGISTRY_ROOT</c> or the OS default.</param>
    /// <param name="insecure">Allow plain HTTP to a non-loopback registry.</param>
    public static PushAfterCommitResult Run(string imageName, string? root = null, bool insecure = false)
    {
        try
        {
            var image = ImageReference.Parse(imageName);
            using var registry = LocalRegistry.Open(root);
            var result = registry.Push(image, new RemoteOptions { Insecure = insecure });
            return new PushAfterCommitResult(true, $"Pushed {image} ({result.ManifestDigest}): {result.BlobsUploaded} blob(s) uploaded, "
                + $"{ByteSize.Format(result.BytesUploaded)}; {result.BlobsAlreadyPresent} already present; {result.BlobsMounted} mounted")
            {
                Result = result,
            };
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            return new PushAfterCommitResult(false, $"Push of {imageName} failed: {e.Message}") { Error = e };
        }
    }
}
