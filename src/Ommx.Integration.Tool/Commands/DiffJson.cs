using System.Text.Json;
using Ommx.Integration.Comparison;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx diff --json</c>: <c>{"base", "head", "regression", "summary": {…}, "metrics": […], "duplicates": […],
/// "changes": [{"key", "display_name", "base_outcome", "head_outcome", "outcome", "metrics": [{"name", "base",
/// "head", "delta", "verdict", "goal"}]}]}</c> — only cases that changed; non-finite numbers are <c>null</c>.
/// </summary>
internal static class DiffJson
{
    public static void Write(TextWriter output, ComparisonReport report) => JsonOutput.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteString("base", report.Base);
        w.WriteString("head", report.Head);
        w.WriteBoolean("regression", report.HasRegression);
        w.WriteStartObject("summary");
        w.WriteNumber("broke", report.Summary.Broke);
        w.WriteNumber("fixed", report.Summary.Fixed);
        w.WriteNumber("still_failing", report.Summary.StillFailing);
        w.WriteNumber("new", report.Summary.New);
        w.WriteNumber("removed", report.Summary.Removed);
        w.WriteNumber("regressed", report.Summary.Regressed);
        w.WriteNumber("improved", report.Summary.Improved);
        w.WriteNumber("unchanged", report.Summary.Unchanged);
        w.WriteEndObject();
        w.WriteStartArray("metrics");
        foreach (var metric in report.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("name", metric.Name);
            w.WriteString("goal", MetricAnnotation.GoalText(metric.Goal));
            w.WriteNumber("tolerance", metric.Tolerance);
            w.WriteNumber("relative_tolerance", metric.RelativeTolerance);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStrings("duplicates", report.DuplicateKeys);
        w.WriteStartArray("changes");
        foreach (var change in report.Changes)
        {
            w.WriteStartObject();
            w.WriteString("key", change.Key);
            w.WriteString("display_name", change.DisplayName);
            w.WriteStringOrNull("base_outcome", change.BaseOutcome);
            w.WriteStringOrNull("head_outcome", change.HeadOutcome);
            w.WriteString("outcome", JsonNamingPolicy.SnakeCaseLower.ConvertName(change.Outcome.ToString()));
            w.WriteStartArray("metrics");
            foreach (var metric in change.Metrics.Where(m => m.Verdict != MetricVerdict.Unchanged))
            {
                w.WriteStartObject();
                w.WriteString("name", metric.Name);
                w.WriteNumberOrNull("base", metric.Base);
                w.WriteNumberOrNull("head", metric.Head);
                w.WriteNumberOrNull("delta", metric.Delta);
                w.WriteString("verdict", JsonNamingPolicy.SnakeCaseLower.ConvertName(metric.Verdict.ToString()));
                w.WriteStringOrNull("goal", metric.Goal is { } goal ? MetricAnnotation.GoalText(goal) : null);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
