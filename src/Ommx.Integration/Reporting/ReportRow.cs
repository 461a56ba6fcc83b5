namespace Ommx.Integration.Reporting;

/// <summary>One Run in the report's table.</summary>
/// <param name="RunId">The Run id.</param>
/// <param name="Outcome"><c>test.outcome</c>, else the Run's status.</param>
/// <param name="Cells">One cell per <see cref="ExperimentReport.Columns"/> entry: the value as text, or null when the Run did not log it.</param>
internal sealed record ReportRow(ulong RunId, string Outcome, IReadOnlyList<string?> Cells);
