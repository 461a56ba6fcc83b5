namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx restore-ref &lt;image&gt; &lt;manifest-digest&gt;</c>.</summary>
internal sealed record RestoreRefCommandOptions
{
    public required string Image { get; init; }

    public required string Digest { get; init; }

    public string? Root { get; init; }

    public bool Json { get; init; }
}
