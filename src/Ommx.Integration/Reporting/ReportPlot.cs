namespace Ommx.Integration.Reporting;

/// <summary>One plot chosen from the data.</summary>
/// <param name="Id">A stable identifier, unique in the report (used for anchors and DOM ids).</param>
/// <param name="Kind">How it is drawn.</param>
/// <param name="Title">The title.</param>
/// <param name="XLabel">The x axis label.</param>
/// <param name="YLabel">The y axis label.</param>
/// <param name="Series">The groups of points.</param>
/// <param name="Metric">The declared metric whose headline plot this is (one per declared metric), else null.</param>
internal sealed record ReportPlot(string Id, ReportPlotKind Kind, string Title, string XLabel, string YLabel, IReadOnlyList<ReportSeries> Series, string? Metric = null)
{
    /// <summary>The bar labels of a <see cref="ReportPlotKind.Bars"/> plot.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The bin width of a <see cref="ReportPlotKind.Histogram"/> plot.</summary>
    public double BinWidth { get; init; }

    /// <summary>Points drawn over all series.</summary>
    public int ShownPoints => Series.Sum(s => s.Points.Count);

    /// <summary>Points in the data over all series.</summary>
    public int TotalPoints => Series.Sum(s => s.TotalPoints);
}
