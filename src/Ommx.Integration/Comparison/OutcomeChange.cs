namespace Ommx.Integration.Comparison;

/// <summary>How a test case's outcome moved from the base Experiment to the head.</summary>
internal enum OutcomeChange
{
    /// <summary>Same outcome in both (passed, skipped, or any outcome of a Run that is not a test case).</summary>
    Same,

    /// <summary>Passed (or skipped) in the base, failed or interrupted in the head.</summary>
    Broke,

    /// <summary>Failed or interrupted in the base, passed in the head.</summary>
    Fixed,

    /// <summary>Failed or interrupted in both.</summary>
    StillFailing,

    /// <summary>Passed in the base, skipped in the head, or skipped in the base and passed in the head.</summary>
    Changed,

    /// <summary>Only in the head.</summary>
    New,

    /// <summary>Only in the base.</summary>
    Removed,
}
