using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>The outcome of writing a ref; <see cref="Existing"/> is the digest it pointed to before, if any.</summary>
internal sealed record PublishResult(PublishOutcome Outcome, Digest Incoming, Digest? Existing)
{
    public bool IsConflict => Outcome == PublishOutcome.Conflicted;
}
