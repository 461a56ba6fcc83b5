using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Distribution;

/// <summary>
/// What a pull did. <see cref="PublishOutcome.Unchanged"/> with no blobs downloaded means the ref and its
/// whole closure were already local and the network was not used.
/// </summary>
public sealed record PullResult(ImageReference Image, Digest ManifestDigest, PublishOutcome Outcome)
{
    public int BlobsDownloaded { get; init; }

    public long BytesDownloaded { get; init; }

    public int BlobsAlreadyPresent { get; init; }

    /// <summary><c>subject</c> ancestors fetched too (those the registry has).</summary>
    public int SubjectsPulled { get; init; }

    public bool UsedNetwork { get; init; }
}
