namespace Ommx.Integration.Tool.Commands;

/// <summary>One thing to import: an archive file or an OCI directory, or a path that is neither (with why).</summary>
internal sealed record ImportSource(string Path, bool IsDirectory, string? Problem);
