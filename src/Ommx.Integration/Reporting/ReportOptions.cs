using Ommx.Integration.Experiments;

namespace Ommx.Integration.Reporting;

/// <summary>What a report includes and how much of it.</summary>
internal sealed record ReportOptions
{
    /// <summary>An Experiment to compare with: the report gets the comparison and overlays its metrics.</summary>
    public Experiment? Baseline { get; init; }

    /// <summary>Points drawn per plot at most; more are downsampled (keeping each bin's lowest and highest).</summary>
    public int MaxPointsPerPlot { get; init; } = 1000;

    /// <summary>Parameter-against-parameter plots at most (the fixed plots come on top).</summary>
    public int MaxParameterPlots { get; init; } = 24;

    /// <summary>Failures whose stack trace and output are included; later ones show their reason only.</summary>
    public int MaxFailureDetails { get; init; } = 200;

    /// <summary>Characters kept of each stack trace and captured output.</summary>
    public int MaxAttachmentChars { get; init; } = 20_000;
}
