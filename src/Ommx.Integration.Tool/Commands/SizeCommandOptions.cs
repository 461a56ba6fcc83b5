namespace Ommx.Integration.Commands;

/// <summary><c>ommx size &lt;image&gt;…</c>.</summary>
public sealed record SizeCommandOptions
{
    public required IReadOnlyList<string> Images { get; init; }

    public string? Root { get; init; }

    public bool Json { get; init; }
}
