namespace Ommx.Integration.Reporting;

/// <summary>One plotted point.</summary>
internal readonly record struct ReportPoint(double X, double Y);
