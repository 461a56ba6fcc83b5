using System.Globalization;
using System.Net;
using System.Text;
using Ommx.Integration.Comparison;

namespace Ommx.Integration.Reporting;

/// <summary>
/// An <see cref="ExperimentReport"/> as one self-contained HTML page: inline style, one inline script (sorting and
/// filtering the Runs table), plots as inline SVG, no external resource of any kind, and a Content-Security-Policy
/// that forbids loading one. Every text from the Experiment is HTML-escaped. The table has one row per Run with
/// one cell per column and nothing else, so a 10,000-Run Experiment stays responsive; plots are capped in points.
/// </summary>
internal static class ReportHtml
{
    private const int MaxComparisonRows = 2000;

    public static string Render(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(64 * 1024 + report.Rows.Count * 32 * Math.Max(1, report.Columns.Count));
        var h = report.Header;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ")
            .Append(ReportHtmlAssets.ScriptHash).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"ommx report\">\n")
            .Append("<title>OMMX report: ").Append(E(h.ImageName)).Append("</title>\n<style>\n").Append(ReportHtmlAssets.Style).Append("\n</style>\n</head>\n<body>\n");
        Header(html, report);
        if (report.Comparison is { } comparison)
        {
            Comparison(html, comparison);
        }

        Plots(html, report);
        Failures(html, report);
        Runs(html, report);
        if (report.Notes.Count > 0)
        {
            html.Append("<section id=\"notes\" class=\"notes\"><h2>Notes</h2><ul>\n");
            foreach (var note in report.Notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>\n");
            }

            html.Append("</ul></section>\n");
        }

        html.Append("<script>").Append(ReportHtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>HTML-escapes text for element content and quoted attribute values (<c>&lt; &gt; &amp; " '</c>).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static void Header(StringBuilder html, ExperimentReport report)
    {
        var h = report.Header;
        html.Append("<header>\n<h1>OMMX Experiment report</h1>\n<p class=\"image\">").Append(E(h.ImageName)).Append("</p>\n<dl class=\"facts\">\n");
        Fact(html, "Status", h.Reason is null ? h.Status : $"{h.Status}: {h.Reason}", "status-" + h.Status);
        Fact(html, "Recorded", h.Created);
        Fact(html, "Revision", h.Revision);
        Fact(html, "Branch", h.Branch);
        Fact(html, "Machine", h.Machine);
        Fact(html, "Framework", h.Framework);
        Fact(html, "Project", h.Project);
        Fact(html, "Runs", string.Create(CultureInfo.InvariantCulture, $"{h.RunCount:N0} run(s), {h.SolveCount:N0} solve(s)"));
        if (h.TotalDurationSeconds is { } seconds)
        {
            Fact(html, "Duration", string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s in total"));
        }

        if (report.Metrics.Count > 0)
        {
            Fact(html, "Metrics", string.Join(", ", report.Metrics.Select(m => $"{m.Name} ({MetricAnnotation.GoalText(m.Goal)})")));
        }

        html.Append("</dl>\n<p class=\"counts\" id=\"outcome-counts\">");
        foreach (var (outcome, count) in h.Outcomes)
        {
            html.Append("<span class=\"o-").Append(E(outcome)).Append("\">").Append(E(outcome)).Append(' ').Append(count.ToString("N0", CultureInfo.InvariantCulture)).Append("</span>");
        }

        html.Append("</p>\n<nav>");
        if (report.Comparison is not null)
        {
            html.Append("<a href=\"#comparison\">Comparison</a>");
        }

        html.Append("<a href=\"#plots\">Plots</a><a href=\"#failures\">Failures (")
            .Append(report.Failures.Count.ToString(CultureInfo.InvariantCulture)).Append(")</a><a href=\"#runs\">Runs</a></nav>\n</header>\n");
    }

    private static void Fact(StringBuilder html, string name, string? value, string? cssClass = null)
    {
        if (value is null)
        {
            return;
        }

        html.Append("<dt>").Append(name).Append("</dt><dd");
        if (cssClass is not null)
        {
            html.Append(" class=\"").Append(E(cssClass)).Append('"');
        }

        html.Append('>').Append(E(value)).Append("</dd>\n");
    }

    private static void Comparison(StringBuilder html, ComparisonReport comparison)
    {
        html.Append("<section id=\"comparison\">\n<h2>Against baseline</h2>\n<p>Base <code>").Append(E(comparison.Base)).Append("</code>: <strong>")
            .Append(comparison.HasRegression ? "regression" : "no regression").Append("</strong>. ")
            .Append(E(ComparisonText.SummaryLine(comparison.Summary))).Append("</p>\n");
        var rows = ComparisonText.Rows(comparison).ToList();
        if (rows.Count > 0)
        {
            html.Append("<table id=\"comparison-table\"><thead><tr><th>change</th><th>test</th><th>value</th><th data-type=\"number\">base</th><th data-type=\"number\">head</th></tr></thead><tbody>\n");
            foreach (var row in rows.Take(MaxComparisonRows))
            {
                html.Append("<tr class=\"").Append(E(row.Change.Replace(' ', '-'))).Append("\"><td>").Append(E(row.Change)).Append("</td><td>").Append(E(row.Test))
                    .Append("</td><td>").Append(E(row.Value)).Append("</td><td class=\"n\">").Append(E(row.Base)).Append("</td><td class=\"n\">").Append(E(row.Head)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
            if (rows.Count > MaxComparisonRows)
            {
                html.Append("<p class=\"notes\">").Append((rows.Count - MaxComparisonRows).ToString(CultureInfo.InvariantCulture)).Append(" more rows: <code>ommx diff --json</code> lists all.</p>\n");
            }
        }

        html.Append("</section>\n");
    }

    private static void Plots(StringBuilder html, ExperimentReport report)
    {
        html.Append("<section id=\"plots\">\n<h2>Plots</h2>\n<div class=\"plots\">\n");
        foreach (var plot in report.Plots)
        {
            html.Append("<figure class=\"plot\" id=\"").Append(E(plot.Id)).Append("\" data-kind=\"").Append(plot.Kind.ToString().ToLowerInvariant()).Append('"');
            if (plot.Metric is not null)
            {
                html.Append(" data-metric=\"").Append(E(plot.Metric)).Append('"');
            }

            html.Append(">\n").Append(ReportPlotSvg.Render(plot)).Append("\n<figcaption>").Append(E(Caption(plot))).Append("</figcaption></figure>\n");
        }

        if (report.Plots.Count == 0)
        {
            html.Append("<p>No Runs, nothing to plot.</p>\n");
        }

        html.Append("</div>\n</section>\n");
    }

    private static string Caption(ReportPlot plot)
    {
        var caption = plot.Metric is { } metric ? $"Declared metric {metric}. " : string.Empty;
        caption += plot.Kind switch
        {
            ReportPlotKind.Bars => string.Join(", ", plot.Categories.Zip(plot.Series[0].Points, (c, p) => string.Create(CultureInfo.InvariantCulture, $"{c}: {p.Y:N0}"))),
            ReportPlotKind.Histogram => string.Create(CultureInfo.InvariantCulture, $"{plot.TotalPoints:N0} runs in {plot.Series[0].Points.Count} bins of {plot.BinWidth:G3} s."),
            _ => string.Join("; ", plot.Series.Select(s => s.Points.Count == s.TotalPoints
                ? string.Create(CultureInfo.InvariantCulture, $"{s.Name}: {s.TotalPoints:N0} points")
                : string.Create(CultureInfo.InvariantCulture, $"{s.Name}: {s.Points.Count:N0} of {s.TotalPoints:N0} points drawn"))),
        };
        return caption;
    }

    private static void Failures(StringBuilder html, ExperimentReport report)
    {
        html.Append("<section id=\"failures\">\n<h2>Failures (").Append(report.Failures.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>\n");
        if (report.Failures.Count == 0)
        {
            html.Append("<p>No failed or interrupted Runs.</p>\n");
        }

        foreach (var failure in report.Failures)
        {
            html.Append("<details class=\"failure o-").Append(E(failure.Outcome)).Append("\" id=\"failure-").Append(failure.RunId.ToString(CultureInfo.InvariantCulture))
                .Append("\"><summary>run ").Append(failure.RunId.ToString(CultureInfo.InvariantCulture)).Append(" · <strong>").Append(E(failure.Name)).Append("</strong> · ")
                .Append(E(failure.Outcome));
            if (failure.Reason is not null)
            {
                html.Append(": ").Append(E(failure.Reason));
            }

            html.Append("</summary>\n");
            Block(html, "Reason", failure.Reason);
            Block(html, "Stack trace", failure.StackTrace);
            Block(html, "Output", failure.Output);
            html.Append("</details>\n");
        }

        html.Append("</section>\n");
    }

    private static void Block(StringBuilder html, string title, string? text)
    {
        if (text is null)
        {
            return;
        }

        html.Append("<h3>").Append(title).Append("</h3><pre>").Append(E(text)).Append("</pre>\n");
    }

    private static void Runs(StringBuilder html, ExperimentReport report)
    {
        html.Append("<section id=\"runs\">\n<h2>Runs (").Append(report.Rows.Count.ToString("N0", CultureInfo.InvariantCulture)).Append(")</h2>\n")
            .Append("<p class=\"filter\"><input id=\"filter\" type=\"search\" placeholder=\"Filter runs (any text in a row)\" aria-label=\"Filter runs\"> <span id=\"shown\"></span></p>\n")
            .Append("<table id=\"runs-table\"><thead><tr><th data-type=\"number\">run</th><th>outcome</th>");
        foreach (var column in report.Columns)
        {
            html.Append(column.Numeric ? "<th data-type=\"number\">" : "<th>").Append(E(column.Name)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in report.Rows)
        {
            html.Append(row.Outcome is "passed" or "finished" ? "<tr>" : "<tr class=\"o-" + E(row.Outcome) + "\">")
                .Append("<td class=\"n\">").Append(row.RunId.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(row.Outcome)).Append("</td>");
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                if (cell is null)
                {
                    html.Append("<td class=\"na\">-</td>");
                }
                else
                {
                    html.Append(report.Columns[i].Numeric ? "<td class=\"n\">" : "<td>").Append(cell.Length == 0 || cell == "-" ? "\"" + E(cell) + "\"" : E(cell)).Append("</td>");
                }
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }
}
