namespace Ommx.Integration.Registry.Listing;

/// <summary>The records a listing returned and the warnings it raised on the way.</summary>
internal sealed record ArtifactListing(IReadOnlyList<ArtifactRecord> Artifacts, IReadOnlyList<ListingWarning> Warnings);
