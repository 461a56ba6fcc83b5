namespace Ommx.Integration.Registry.Leases;

/// <summary>Whether a lease still protects what it registered.</summary>
internal enum LeaseState
{
    /// <summary>Its process runs (or, on another host, it sent a heartbeat within its expiry).</summary>
    Live,

    /// <summary>Its process is gone on this host (pid absent, or reused by a process with another start time).</summary>
    ProcessGone,

    /// <summary>No heartbeat within its expiry.</summary>
    HeartbeatExpired,
}
