namespace Ommx.Integration.Registry.Listing;

/// <summary>OMMX's stage strings for listing warnings.</summary>
internal static class ListingStages
{
    public static string Text(ListingStage stage) => stage switch
    {
        ListingStage.ManifestBackfill => "manifest backfill",
        ListingStage.ManifestCacheRepair => "manifest cache repair",
        ListingStage.ExperimentConfigBackfill => "experiment config backfill",
        ListingStage.ExperimentConfigCacheRepair => "experiment config cache repair",
        ListingStage.CheckpointProjection => "checkpoint projection",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
