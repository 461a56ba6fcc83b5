namespace Ommx.Integration.Testing;

/// <summary>How a test case ended, as the test framework reported it.</summary>
internal enum TestOutcome
{
    Passed,
    Failed,
    Skipped,

    /// <summary>
    /// The test did not end because the run itself stopped (the host died, the run was aborted): the Run is recorded
    /// as interrupted. A test that failed with a cancellation or a timeout is <see cref="Failed"/>.
    /// </summary>
    Interrupted,
}
