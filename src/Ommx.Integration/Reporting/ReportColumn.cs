namespace Ommx.Integration.Reporting;

/// <summary>One run-parameter column of the report's table.</summary>
/// <param name="Name">The run-parameter name.</param>
/// <param name="Numeric">Whether every value is a number (sorted as numbers, aligned right).</param>
internal sealed record ReportColumn(string Name, bool Numeric);
