namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx cat &lt;image&gt; &lt;attachment&gt; [--run &lt;id&gt;]</c>.</summary>
internal sealed record CatCommandOptions
{
    public required string Image { get; init; }

    /// <summary>The attachment's name, e.g. <c>output.txt</c> or <c>stack-trace.txt</c>.</summary>
    public required string Attachment { get; init; }

    /// <summary>Read the attachment of this Run instead of the Experiment's own.</summary>
    public ulong? Run { get; init; }

    public string? Root { get; init; }
}
