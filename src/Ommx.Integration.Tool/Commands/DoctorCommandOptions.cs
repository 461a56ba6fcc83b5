namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx doctor</c>: checks the whole registry; repairs only with <see cref="Fix"/>.</summary>
internal sealed record DoctorCommandOptions
{
    public string? Root { get; init; }

    /// <summary>Skip re-hashing blobs (sizes and manifests are still checked).</summary>
    public bool Quick { get; init; }

    /// <summary>Repair what can be repaired without losing data.</summary>
    public bool Fix { get; init; }

    /// <summary>OMMX duration text: writer temp files and draft checkpoints older than this are stale.</summary>
    public string StaleAfter { get; init; } = "24h";

    public bool Json { get; init; }
}
