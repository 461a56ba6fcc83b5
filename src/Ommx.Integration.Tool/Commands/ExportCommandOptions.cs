namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx export &lt;image&gt; &lt;file.ommx&gt;</c>.</summary>
internal sealed record ExportCommandOptions
{
    public required string Image { get; init; }

    public required string Output { get; init; }

    public string? Root { get; init; }

    public bool Json { get; init; }
}
