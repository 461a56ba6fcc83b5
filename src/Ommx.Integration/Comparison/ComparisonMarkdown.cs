using System.Globalization;
using System.Text;

namespace Ommx.Integration.Comparison;

/// <summary>
/// A <see cref="ComparisonReport"/> as GitHub-flavoured Markdown, for a pull-request comment or a CI job summary:
/// the summary line first, then one table row per outcome change and per changed metric (at most
/// <c>maxRows</c>, the rest counted).
/// </summary>
internal static class ComparisonMarkdown
{
    /// <summary>Writes <paramref name="report"/> as Markdown.</summary>
    public static string Format(ComparisonReport report, int maxRows = 200)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### OMMX diff: `{Escape(report.Base)}` → `{Escape(report.Head)}`\n\n");
        text.Append(report.HasRegression ? "**Regression.** " : "No regression. ").Append(ComparisonText.SummaryLine(report.Summary)).Append("\n\n");
        if (report.DuplicateKeys.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Recorded more than once in one Experiment (compared per occurrence): {string.Join(", ", report.DuplicateKeys.Select(k => $"`{Escape(k)}`"))}\n\n");
        }

        var rows = ComparisonText.Rows(report).ToList();
        if (rows.Count == 0)
        {
            return text.ToString();
        }

        text.Append("| change | test | value | base | head |\n|---|---|---|---:|---:|\n");
        foreach (var row in rows.Take(maxRows))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Change} | {Escape(row.Test)} | {Escape(row.Value)} | {Escape(row.Base)} | {Escape(row.Head)} |\n");
        }

        if (rows.Count > maxRows)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n… and {rows.Count - maxRows} more rows (`ommx diff --json` lists all).\n");
        }

        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
