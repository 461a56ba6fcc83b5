using Ommx.Integration.Registry.Archives;

namespace Ommx.Integration.Tool.Commands;

/// <summary>One source of <c>ommx import</c>: what it published, or why it was refused.</summary>
internal sealed record ImportOutcome(string Path, ImportResult? Result, string? Error);
