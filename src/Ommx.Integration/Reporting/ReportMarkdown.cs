using System.Globalization;
using System.Text;
using Ommx.Integration.Comparison;

namespace Ommx.Integration.Reporting;

/// <summary>
/// The compact form of an <see cref="ExperimentReport"/> for a CI job summary or a pull-request comment: one status
/// line, the outcome counts, each declared metric's range, the first failures with their reasons and, with a
/// baseline, the comparison as <see cref="ComparisonMarkdown"/> writes it. No plots and no Run table.
/// </summary>
internal static class ReportMarkdown
{
    public static string Format(ExperimentReport report, int maxFailures = 20)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = report.Header;
        var text = new StringBuilder();
        text.Append("### OMMX report: `").Append(Code(h.ImageName)).Append("`\n\n");
        text.Append("**").Append(h.Status).Append("**");
        if (h.Reason is not null)
        {
            text.Append(" (").Append(Escape(h.Reason)).Append(')');
        }

        text.Append(CultureInfo.InvariantCulture, $" · {h.RunCount:N0} run(s): ")
            .Append(string.Join(", ", h.Outcomes.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Value:N0} {Escape(o.Key)}"))));
        if (h.TotalDurationSeconds is { } seconds)
        {
            text.Append(CultureInfo.InvariantCulture, $" · {seconds:0.###} s");
        }

        if (h.Revision is not null)
        {
            text.Append(" · revision `").Append(Code(ExperimentHistory.ShortRevision(h.Revision))).Append('`');
        }

        if (h.Machine is not null)
        {
            text.Append(" · ").Append(Escape(h.Machine));
        }

        text.Append("\n\n");
        MetricRanges(text, report);
        if (report.Failures.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"**Failures ({report.Failures.Count:N0})**\n\n");
            foreach (var failure in report.Failures.Take(maxFailures))
            {
                text.Append(CultureInfo.InvariantCulture, $"- run {failure.RunId} **{Escape(failure.Name)}** {failure.Outcome}");
                if (failure.Reason is not null)
                {
                    text.Append(": ").Append(Escape(failure.Reason));
                }

                text.Append('\n');
            }

            if (report.Failures.Count > maxFailures)
            {
                text.Append(CultureInfo.InvariantCulture, $"- … and {report.Failures.Count - maxFailures:N0} more (the HTML report lists all)\n");
            }

            text.Append('\n');
        }

        if (report.Comparison is { } comparison)
        {
            text.Append(ComparisonMarkdown.Format(comparison));
        }

        return text.ToString();
    }

    private static void MetricRanges(StringBuilder text, ExperimentReport report)
    {
        var lines = new List<string>();
        foreach (var metric in report.Metrics)
        {
            var column = report.Columns.Select((c, i) => (c, i)).FirstOrDefault(p => p.c.Name == metric.Name && p.c.Numeric);
            if (column.c is null)
            {
                continue;
            }

            var values = report.Rows.Select(r => r.Cells[column.i]).OfType<string>()
                .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN)
                .Where(double.IsFinite).Order().ToList();
            if (values.Count == 0)
            {
                continue;
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {Escape(metric.Name)} | {MetricAnnotation.GoalText(metric.Goal)} | {values.Count:N0} | {ComparisonText.Number(values[0])} | {ComparisonText.Number(values[values.Count / 2])} | {ComparisonText.Number(values[^1])} |"));
        }

        if (lines.Count > 0)
        {
            text.Append("| metric | goal | runs | min | median | max |\n|---|---|---:|---:|---:|---:|\n").AppendJoin('\n', lines).Append("\n\n");
        }
    }

    private static string Escape(string text) =>
        text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Code(string text) => text.ReplaceLineEndings(" ").Replace("`", "'", StringComparison.Ordinal);
}
