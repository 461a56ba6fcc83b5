namespace Ommx.Integration.Comparison;

/// <summary>One Run as the comparison sees it: its key, name, outcome and numeric values.</summary>
internal sealed record ComparedCase(string Key, string DisplayName, string? Outcome, IReadOnlyDictionary<string, double> Values);
