namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx gc</c>: dry run unless <see cref="Delete"/>.</summary>
internal sealed record GcCommandOptions
{
    /// <summary>The <c>--root</c> value; <c>null</c> for the default root.</summary>
    public string? Root { get; init; }

    public bool DryRun { get; init; }

    public bool Delete { get; init; }

    /// <summary>OMMX duration text (<c>24h</c>, <c>0s</c>, <c>7d</c>, …).</summary>
    public string GracePeriod { get; init; } = "24h";

    public bool ShowDigests { get; init; }

    public bool Json { get; init; }
}
