namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx import &lt;path&gt;…</c>: <c>.ommx</c> archives, OCI image-layout directories, or directories whose
/// <c>*.ommx</c> files (recursively) are all imported.
/// </summary>
internal sealed record ImportCommandOptions
{
    public required IReadOnlyList<string> Paths { get; init; }

    public string? Root { get; init; }

    /// <summary>List every imported image, not only the counts and the refused sources.</summary>
    public bool Verbose { get; init; }

    public bool Json { get; init; }
}
