namespace Ommx.Integration.Registry.Leases;

/// <summary>How often a writer proves it is alive, and how long a silent lease still protects its blobs.</summary>
internal sealed record LeaseOptions
{
    public static readonly LeaseOptions Default = new();

    /// <summary>A lease without a heartbeat for this long is expired, even if its pid looks alive.</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the heartbeat timer updates the lease row.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Experiments and imports take leases (default). Switch off only to measure what leases cost: without them
    /// a GC whose grace period is shorter than a recording can delete the recording's unpublished blobs.
    /// </summary>
    public bool Enabled { get; init; } = true;
}
