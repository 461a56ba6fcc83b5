namespace Ommx.Integration.Tool.Commands;

/// <summary>The process exit codes of every <c>ommx</c> command.</summary>
internal enum ExitCode
{
    /// <summary>The command did what was asked; for <c>doctor</c>, the registry is healthy.</summary>
    Ok = 0,

    /// <summary>An operation failed or was refused, or <c>doctor</c> found problems that remain.</summary>
    Problems = 1,

    /// <summary>Bad usage: unknown flags, invalid image names, digests or durations, conflicting flags.</summary>
    Usage = 2,
}
