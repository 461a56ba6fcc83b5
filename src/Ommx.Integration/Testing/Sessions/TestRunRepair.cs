namespace Ommx.Integration.Testing.Sessions;

/// <summary>What <see cref="TestRunSessions.Repair"/> did with one unfinished session.</summary>
internal sealed record TestRunRepair
{
    public required string SessionId { get; init; }

    public required string ImageName { get; init; }

    public required TestRunRepairAction Action { get; init; }

    /// <summary>The interrupted checkpoint's manifest, unless the session was removed.</summary>
    public string? ManifestDigest { get; init; }

    public int Runs { get; init; }

    /// <summary>What a damaged recording lost (skipped journal lines, Runs whose blobs are gone, dropped values).</summary>
    public IReadOnlyList<string> Losses { get; init; } = [];

    /// <summary>The files removed, each with its size.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    public string Message => Action switch
    {
        TestRunRepairAction.Recovered => $"{ImageName}: interrupted checkpoint with {Runs} Run(s) {ManifestDigest}",
        TestRunRepairAction.Salvaged => $"{ImageName}: interrupted checkpoint with the {Runs} readable Run(s) {ManifestDigest}; lost: {string.Join("; ", Losses)}",
        _ => $"{ImageName}: nothing could be saved; removed {string.Join(", ", Removed)}"
            + (Losses.Count > 0 ? $" ({string.Join("; ", Losses)})" : string.Empty),
    };
}
