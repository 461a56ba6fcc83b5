namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx list</c>.</summary>
internal sealed record ListCommandOptions
{
    public string? Root { get; init; }

    public bool Json { get; init; }
}
