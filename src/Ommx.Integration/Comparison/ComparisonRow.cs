namespace Ommx.Integration.Comparison;

/// <summary>One line of a comparison table: a test case's outcome change or one of its changed values.</summary>
/// <param name="Change">broke, regressed, still failing, fixed, improved, new, removed or changed.</param>
/// <param name="Test">The test's display name.</param>
/// <param name="Value"><c>test.outcome</c> or the metric's name.</param>
/// <param name="Base">The base outcome or value as text (<c>-</c> when absent).</param>
/// <param name="Head">The head outcome or value as text.</param>
/// <param name="Rank">Sort order: worst first.</param>
internal sealed record ComparisonRow(string Change, string Test, string Value, string Base, string Head, int Rank);
