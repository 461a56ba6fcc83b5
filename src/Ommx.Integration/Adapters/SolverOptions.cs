namespace Ommx.Integration.Adapters;

/// <summary>
/// Options every solver adapter understands. Stored with each Solve as a JSON object in snake_case
/// (<c>{"time_limit":10,"threads":1,"seed":7}</c>, unset options left out); adapters derive records with
/// their own options (a backend, say), which are stored the same way.
/// </summary>
public record SolverOptions
{
    /// <summary>Wall-clock limit in seconds.</summary>
    public double? TimeLimit { get; init; }

    /// <summary>Worker threads.</summary>
    public int? Threads { get; init; }

    /// <summary>Random seed.</summary>
    public int? Seed { get; init; }
}
