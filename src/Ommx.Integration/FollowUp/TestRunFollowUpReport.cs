namespace Ommx.Integration.FollowUp;

/// <param name="Lines">What to show, in order.</param>
/// <param name="ReportWritten">The report page written, or null.</param>
internal sealed record TestRunFollowUpReport(IReadOnlyList<TestRunFollowUpLine> Lines, string? ReportWritten)
{
    /// <summary>A regression under the gate, a missing baseline under the gate, or a failed push: the run must fail.</summary>
    public bool FailsTheRun => Lines.Any(l => l.IsError);
}
