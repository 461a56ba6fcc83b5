namespace Ommx.Integration.Registry.Listing;

/// <summary>Where in a listing a problem was found; <see cref="ListingStages.Text"/> gives OMMX's exact strings.</summary>
internal enum ListingStage
{
    ManifestBackfill,
    ManifestCacheRepair,
    ExperimentConfigBackfill,
    ExperimentConfigCacheRepair,
    CheckpointProjection,
}
