using System.Text.RegularExpressions;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Ommx.Integration.Reporting;

/// <summary>
/// Draws a <see cref="ReportPlot"/> as an inline SVG element with OxyPlot (managed, no native code, no fonts
/// needed: its SVG exporter measures text with built-in metrics). OxyPlot writes text through an XML writer,
/// so labels taken from the data are escaped. Each plot's clip-path ids are prefixed with the plot's id, so
/// several SVGs in one page do not clash.
/// </summary>
internal static partial class ReportPlotSvg
{
    public const int Width = 560;
    public const int Height = 340;
    // The exporter measures text with Helvetica's metrics: a metric-compatible face first keeps labels where it put them.
    private const string Font = "Helvetica, Arial, Liberation Sans, sans-serif";

    public static string Render(ReportPlot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var model = new PlotModel
        {
            Title = plot.Title,
            TitleFontSize = 14,
            DefaultFont = Font,
            DefaultFontSize = 11,
            Background = OxyColors.White,
            PlotAreaBorderColor = OxyColor.FromRgb(0x99, 0x99, 0x99),
        };
        switch (plot.Kind)
        {
            case ReportPlotKind.Bars:
                Bars(model, plot);
                break;
            case ReportPlotKind.Histogram:
                Histogram(model, plot);
                break;
            default:
                Scatter(model, plot);
                break;
        }

        var svg = new SvgExporter { Width = Width, Height = Height, IsDocument = false }.ExportToString(model);
        // The exporter writes an XML declaration and a DOCTYPE even as a fragment; inline SVG in HTML needs neither.
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        return ClipPathId().Replace(svg, m => m.Groups[1].Value + plot.Id + "-clipPath");
    }

    private static void Bars(PlotModel model, ReportPlot plot)
    {
        var categories = new CategoryAxis { Position = AxisPosition.Left };
        categories.Labels.AddRange(plot.Categories);
        model.Axes.Add(categories);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = plot.YLabel, Minimum = 0, MinimumPadding = 0, MaximumPadding = 0.1, MajorGridlineStyle = LineStyle.Dot });
        var bars = new BarSeries { FillColor = OxyColor.FromRgb(0x4c, 0x78, 0xa8), LabelFormatString = "{0}" };
        var colors = plot.Categories.Select(OutcomeColor).ToList();
        var points = plot.Series.Count > 0 ? plot.Series[0].Points : [];
        for (var i = 0; i < points.Count; i++)
        {
            bars.Items.Add(new BarItem(points[i].Y) { Color = colors.Count > i ? colors[i] : OxyColors.Automatic });
        }

        model.Series.Add(bars);
    }

    private static void Histogram(PlotModel model, ReportPlot plot)
    {
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = plot.XLabel, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = plot.YLabel, Minimum = 0, MinimumPadding = 0, MaximumPadding = 0.1, MajorGridlineStyle = LineStyle.Dot });
        var histogram = new HistogramSeries { FillColor = OxyColor.FromRgb(0x4c, 0x78, 0xa8), StrokeColor = OxyColors.White, StrokeThickness = 1 };
        foreach (var point in plot.Series.SelectMany(s => s.Points))
        {
            histogram.Items.Add(new HistogramItem(point.X, point.X + plot.BinWidth, point.Y * plot.BinWidth, (int)point.Y));
        }

        model.Series.Add(histogram);
    }

    private static void Scatter(PlotModel model, ReportPlot plot)
    {
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = plot.XLabel, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = plot.YLabel, MajorGridlineStyle = LineStyle.Dot });
        var visible = plot.Series.Where(s => s.Points.Count > 0).ToList();
        if (visible.Count > 1)
        {
            model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Vertical });
        }

        foreach (var series in visible)
        {
            var baseline = series.Name == "baseline";
            var marker = baseline ? MarkerType.Diamond : MarkerType.Circle;
            var color = baseline ? OxyColor.FromRgb(0x88, 0x88, 0x88) : OxyColors.Automatic;
            if (series.Connected)
            {
                var line = new LineSeries { Title = series.Name, MarkerType = marker, MarkerSize = 3, Color = color, LineStyle = baseline ? LineStyle.Dash : LineStyle.Solid };
                line.Points.AddRange(series.Points.Select(p => new DataPoint(p.X, p.Y)));
                model.Series.Add(line);
            }
            else
            {
                var scatter = new ScatterSeries { Title = series.Name, MarkerType = marker, MarkerSize = 3, MarkerFill = color };
                scatter.Points.AddRange(series.Points.Select(p => new ScatterPoint(p.X, p.Y)));
                model.Series.Add(scatter);
            }
        }
    }

    private static OxyColor OutcomeColor(string outcome) => outcome switch
    {
        "passed" or "finished" => OxyColor.FromRgb(0x2e, 0x7d, 0x32),
        "failed" => OxyColor.FromRgb(0xc6, 0x28, 0x28),
        "interrupted" => OxyColor.FromRgb(0xef, 0x6c, 0x00),
        "skipped" => OxyColor.FromRgb(0x75, 0x75, 0x75),
        _ => OxyColor.FromRgb(0x4c, 0x78, 0xa8),
    };

    [GeneratedRegex("((?:id=\"|url\\(#))clipPath", RegexOptions.CultureInvariant)]
    private static partial Regex ClipPathId();
}
