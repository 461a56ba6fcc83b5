using System.Globalization;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Comparison;

/// <summary>The words and numbers every rendering of a <see cref="ComparisonReport"/> shares (terminal, Markdown, MSBuild).</summary>
internal static class ComparisonText
{
    /// <summary>The summary counts as one line: <c>2 broke, 1 fixed, … 40 unchanged</c>.</summary>
    public static string SummaryLine(ComparisonSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{summary.Broke} broke, {summary.Fixed} fixed, {summary.StillFailing} still failing, {summary.New} new, {summary.Removed} removed, {summary.Regressed} regressed, {summary.Improved} improved, {summary.Unchanged} unchanged");
    }

    /// <summary>One row per outcome change and per metric that did not stay unchanged, worst first.</summary>
    public static IEnumerable<ComparisonRow> Rows(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<ComparisonRow>();
        foreach (var change in report.Changes)
        {
            if (change.Outcome != OutcomeChange.Same)
            {
                rows.Add(new ComparisonRow(Word(change.Outcome), change.DisplayName, TestCaseParameters.Outcome, change.BaseOutcome ?? "-", change.HeadOutcome ?? "-", Rank(change.Outcome)));
            }

            foreach (var metric in change.Metrics.Where(m => m.Verdict != MetricVerdict.Unchanged))
            {
                rows.Add(new ComparisonRow(Word(metric.Verdict), change.DisplayName, metric.Name, Number(metric.Base), Number(metric.Head), Rank(metric.Verdict)));
            }
        }

        return rows.OrderBy(r => r.Rank).ThenBy(r => r.Test, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>A value as the tables print it: shortest round-trip form, <c>NaN</c>, <c>inf</c>.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Word(OutcomeChange change) => change switch
    {
        OutcomeChange.Broke => "broke",
        OutcomeChange.Fixed => "fixed",
        OutcomeChange.StillFailing => "still failing",
        OutcomeChange.New => "new",
        OutcomeChange.Removed => "removed",
        _ => "changed",
    };

    private static string Word(MetricVerdict verdict) => verdict switch
    {
        MetricVerdict.Regressed => "regressed",
        MetricVerdict.Improved => "improved",
        _ => "changed",
    };

    private static int Rank(OutcomeChange change) => change switch
    {
        OutcomeChange.Broke => 0,
        OutcomeChange.StillFailing => 2,
        OutcomeChange.Fixed => 3,
        _ => 5,
    };

    private static int Rank(MetricVerdict verdict) => verdict switch
    {
        MetricVerdict.Regressed => 1,
        MetricVerdict.Improved => 4,
        _ => 6,
    };
}
