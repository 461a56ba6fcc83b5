namespace Ommx.Integration.Commands;

/// <summary><c>ommx list</c>.</summary>
public sealed record ListCommandOptions
{
    public string? Root { get; init; }

    public bool Json { get; init; }
}
