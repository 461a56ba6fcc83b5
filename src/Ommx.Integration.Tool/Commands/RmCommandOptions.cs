namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx rm &lt;image&gt;</c>.</summary>
internal sealed record RmCommandOptions
{
    public required string Image { get; init; }

    public string? Root { get; init; }

    public bool Json { get; init; }
}
