namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx checkpoints [prefix] [--status draft|failed|interrupted]…</c>.</summary>
internal sealed record CheckpointsCommandOptions
{
    /// <summary>A plain string prefix of the requested image name.</summary>
    public string? Prefix { get; init; }

    public IReadOnlyList<string> Statuses { get; init; } = [];

    public string? Root { get; init; }

    public bool Json { get; init; }
}
