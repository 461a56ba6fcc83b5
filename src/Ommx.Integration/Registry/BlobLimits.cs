namespace Ommx.Integration.Registry;

/// <summary>
/// How large a blob may be that is read whole into memory, the same for import and pull: larger ones are
/// refused by their declared size, before a byte is read (a byte array cannot exceed 2 GiB anyway).
/// </summary>
internal static class BlobLimits
{
    /// <summary>An image manifest: 4 MiB, what OCI registries are required to accept.</summary>
    public const int MaxManifestBytes = 4 << 20;

    /// <summary>A config (an Experiment's config JSON).</summary>
    public const int MaxConfigBytes = 16 << 20;

    /// <summary>A layer the loader decodes whole (the run-parameter table, a diagnostics payload).</summary>
    public const int MaxDecodedLayerBytes = 1 << 30;
}
