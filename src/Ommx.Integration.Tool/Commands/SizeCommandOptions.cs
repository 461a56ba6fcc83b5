namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx size &lt;image&gt;…</c>.</summary>
internal sealed record SizeCommandOptions
{
    public required IReadOnlyList<string> Images { get; init; }

    public string? Root { get; init; }

    public bool Json { get; init; }
}
