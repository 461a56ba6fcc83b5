namespace Ommx.Integration.Registry.Leases;

/// <summary>How often a writer proves it is alive, and how long a silent lease still protects its blobs.</summary>
public sealed record LeaseOptions
{
    public static readonly LeaseOptions Default = new();

    /// <summary>A lease without a heartbeat for this long is expired, even if its pid looks alive.</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the heartbeat timer updates the lease row.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(20);
}
