namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx history &lt;repository&gt; [--limit N] [--all] [--remote [--insecure]] [--json]</c>.</summary>
internal sealed record HistoryCommandOptions
{
    public required string Repository { get; init; }

    /// <summary>How many of the newest Experiments to follow.</summary>
    public int Limit { get; init; } = 20;

    /// <summary>List every test case, not only those that failed, changed or are flaky.</summary>
    public bool All { get; init; }

    /// <summary>Also list the tags of the OCI registry the repository names, and pull those Experiments first.</summary>
    public bool Remote { get; init; }

    public bool Insecure { get; init; }

    public bool Json { get; init; }

    public string? Root { get; init; }
}
