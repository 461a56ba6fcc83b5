namespace Ommx.Integration.Registry.Maintenance;

/// <summary>Which anonymous refs prune-anonymous selects, and whether it deletes them.</summary>
internal sealed record PruneOptions
{
    /// <summary>Also select anonymous Experiments (<c>&lt;id8&gt;.ommx.local/experiment</c>).</summary>
    public bool Experiments { get; init; }

    /// <summary>Only refs whose last update is at least this old.</summary>
    public TimeSpan? OlderThan { get; init; }

    public bool Delete { get; init; }
}
