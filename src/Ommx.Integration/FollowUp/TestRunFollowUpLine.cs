namespace Ommx.Integration.FollowUp;

/// <summary>One line of the follow-up: what happened, and whether it fails the run (<see cref="IsError"/>) or only warns.</summary>
internal sealed record TestRunFollowUpLine(TestRunFollowUpEvent Event, string Text, bool IsError = false)
{
    public bool IsWarning => !IsError && Event != TestRunFollowUpEvent.Information;
}
