namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx prune-anonymous</c>: dry run unless <see cref="Delete"/>.</summary>
internal sealed record PruneAnonymousCommandOptions
{
    public string? Root { get; init; }

    public bool DryRun { get; init; }

    public bool Delete { get; init; }

    /// <summary>Also select anonymous Experiments.</summary>
    public bool Experiments { get; init; }

    /// <summary>OMMX duration text; only refs at least this old are selected.</summary>
    public string? OlderThan { get; init; }

    public bool ShowDigests { get; init; }

    public bool Json { get; init; }
}
