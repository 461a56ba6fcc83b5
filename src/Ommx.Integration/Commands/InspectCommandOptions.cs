namespace Ommx.Integration.Commands;

/// <summary><c>ommx inspect &lt;image&gt; [--run &lt;id&gt;]</c>.</summary>
public sealed record InspectCommandOptions
{
    public required string Image { get; init; }

    /// <summary>Show one Run with its Solves instead of the Experiment overview.</summary>
    public ulong? Run { get; init; }

    public string? Root { get; init; }

    public bool Json { get; init; }
}
