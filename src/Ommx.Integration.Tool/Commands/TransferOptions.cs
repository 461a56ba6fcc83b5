namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx push &lt;image&gt;</c> / <c>ommx pull &lt;image&gt;</c>.</summary>
internal sealed record TransferOptions
{
    public required string Image { get; init; }

    public string? Root { get; init; }

    /// <summary>Allow plain HTTP to a registry that is not on loopback.</summary>
    public bool Insecure { get; init; }

    public bool Json { get; init; }
}
