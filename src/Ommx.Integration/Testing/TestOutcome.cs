namespace Ommx.Integration.Testing;

/// <summary>How a test case ended, as the test framework reported it.</summary>
public enum TestOutcome
{
    Passed,
    Failed,
    Skipped,

    /// <summary>Cancelled or timed out: the Run is recorded as interrupted.</summary>
    Interrupted,
}
