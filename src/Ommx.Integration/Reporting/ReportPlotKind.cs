namespace Ommx.Integration.Reporting;

/// <summary>How a plot draws its series.</summary>
internal enum ReportPlotKind
{
    /// <summary>Points (joined by lines when each series has one value per x).</summary>
    Scatter,

    /// <summary>A histogram: each point is a bin (x = lower edge, y = count), <see cref="ReportPlot.BinWidth"/> wide.</summary>
    Histogram,

    /// <summary>One bar per category (<see cref="ReportPlot.Categories"/>), the first series' y values.</summary>
    Bars,
}
