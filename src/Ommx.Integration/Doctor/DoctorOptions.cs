namespace Ommx.Integration.Doctor;

/// <summary>What one doctor pass checks and whether it repairs.</summary>
internal sealed record DoctorOptions
{
    /// <summary>Skip re-hashing blobs (sizes and manifests are still checked).</summary>
    public bool Quick { get; init; }

    /// <summary>Repair what can be repaired without losing data (never where the root is not a Local Registry).</summary>
    public bool Fix { get; init; }

    /// <summary>Writer temp files and draft checkpoints older than this are stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(24);
}
