namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx inspect &lt;image&gt; [--run &lt;id&gt;] [--columns a,b]</c>.</summary>
internal sealed record InspectCommandOptions
{
    public required string Image { get; init; }

    /// <summary>Show one Run with its Solves instead of the Experiment overview.</summary>
    public ulong? Run { get; init; }

    public string? Root { get; init; }

    public bool Json { get; init; }

    /// <summary>Only these run-parameter columns, in this order (the overview's table is not cut to <see cref="Width"/> then).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Characters per line for the run-parameter table; columns beyond it are left out and named.</summary>
    public int Width { get; init; } = DefaultWidth;

    /// <summary>The width when output is not a terminal and <c>COLUMNS</c> is not set.</summary>
    public const int DefaultWidth = 120;
}
