using Ommx.Integration.Oci;

namespace Ommx.Integration.Distribution;

/// <summary>
/// What a push did: the manifest now at <see cref="Image"/>, and per blob whether it was uploaded, was
/// already there, or was mounted from another repository of the same host.
/// </summary>
public sealed record PushResult(ImageReference Image, Digest ManifestDigest)
{
    public int BlobsUploaded { get; init; }

    public long BytesUploaded { get; init; }

    public int BlobsAlreadyPresent { get; init; }

    public int BlobsMounted { get; init; }

    /// <summary>Manifests sent (the image and any <c>subject</c> ancestors the registry did not have yet).</summary>
    public int ManifestsPushed { get; init; }

    /// <summary><c>subject</c> ancestors included (present locally); the chain stops at the first one missing locally.</summary>
    public int SubjectsIncluded { get; init; }
}
