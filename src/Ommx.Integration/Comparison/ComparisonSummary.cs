namespace Ommx.Integration.Comparison;

/// <summary>Counts over every matched case; a case counts once per line it belongs to.</summary>
internal sealed record ComparisonSummary(
    int Broke,
    int Fixed,
    int StillFailing,
    int New,
    int Removed,
    int Regressed,
    int Improved,
    int Unchanged);
