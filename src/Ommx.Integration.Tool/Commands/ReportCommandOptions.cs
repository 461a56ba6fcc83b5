namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx report &lt;image&gt; [-o report.html] [--baseline &lt;image&gt;] [--format html|markdown]</c>.</summary>
internal sealed record ReportCommandOptions
{
    public required string Image { get; init; }

    /// <summary>The file to write; <c>-</c> for standard output. Default: <c>report.html</c> for HTML, standard output for Markdown.</summary>
    public string? Output { get; init; }

    /// <summary>An Experiment to compare with (pulled when not local).</summary>
    public string? Baseline { get; init; }

    /// <summary><c>html</c> (one self-contained page) or <c>markdown</c> (the compact form for a CI job summary).</summary>
    public string Format { get; init; } = "html";

    /// <summary>Allow plain HTTP to a registry that is not on loopback when an image must be pulled.</summary>
    public bool Insecure { get; init; }

    public string? Root { get; init; }
}
