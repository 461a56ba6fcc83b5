namespace Ommx.Integration.Reporting;

/// <summary>One group of points in a plot.</summary>
/// <param name="Name">The group (for example a test method, a solver, feasible or infeasible, or the baseline).</param>
/// <param name="Points">The points drawn (at most the report's cap, see <see cref="PointSampler"/>), by x.</param>
/// <param name="TotalPoints">How many points the data had before downsampling.</param>
/// <param name="Connected">Whether to join the points with a line (each x occurs once).</param>
internal sealed record ReportSeries(string Name, IReadOnlyList<ReportPoint> Points, int TotalPoints, bool Connected);
