namespace Ommx.Integration.Registry.Listing;

/// <summary>A ref a listing had to repair or skip, with OMMX's message shape.</summary>
internal sealed record ListingWarning(string ImageName, string ManifestDigest, ListingStage Stage, string Message)
{
    public override string ToString() =>
        $"Local Registry listing issue for {ImageName} ({ManifestDigest}) during {ListingStages.Text(Stage)}: {Message}";
}
