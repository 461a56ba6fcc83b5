namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx experiments [prefix]</c>.</summary>
internal sealed record ExperimentsCommandOptions
{
    /// <summary>A plain string prefix of the canonical image name.</summary>
    public string? Prefix { get; init; }

    public string? Root { get; init; }

    public bool Json { get; init; }
}
