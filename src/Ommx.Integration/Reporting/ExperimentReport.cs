using Ommx.Integration.Comparison;

namespace Ommx.Integration.Reporting;

/// <summary>
/// What <c>ommx report</c> shows of one Experiment, independent of the page it is rendered to: the header, the
/// run-parameter table (one row per Run), the failed and interrupted Runs, the plots chosen from the data and,
/// with a baseline, the comparison. Built by <see cref="ExperimentReporter"/>; rendered by <see cref="ReportHtml"/>
/// and <see cref="ReportMarkdown"/>.
/// </summary>
/// <param name="Header">Name, status, provenance and counts.</param>
/// <param name="Columns">The run-parameter columns in display order (identifying columns first).</param>
/// <param name="Rows">One row per Run, in Run id order.</param>
/// <param name="Failures">Every failed or interrupted Run, in Run id order.</param>
/// <param name="Plots">The plots, in display order.</param>
/// <param name="Metrics">The metric declarations recorded in the Experiment (and the baseline).</param>
/// <param name="Comparison">The comparison with the baseline, when one was given.</param>
/// <param name="Notes">What was left out or simplified (points downsampled, plots or details capped).</param>
internal sealed record ExperimentReport(
    ReportHeader Header,
    IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<ReportRow> Rows,
    IReadOnlyList<ReportFailure> Failures,
    IReadOnlyList<ReportPlot> Plots,
    IReadOnlyList<MetricDeclaration> Metrics,
    ComparisonReport? Comparison,
    IReadOnlyList<string> Notes);
