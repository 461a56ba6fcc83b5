namespace Ommx.Integration.Testing.Sessions;

internal enum TestRunOutcomeKind
{
    /// <summary>Every test passed: the Experiment is committed under its image name.</summary>
    Committed,

    /// <summary>Some tests failed: a failed checkpoint holds every Run; the image name is not advanced.</summary>
    FailedCheckpoint,

    /// <summary>The host crashed or the whole run was killed: an interrupted checkpoint holds every Run closed before.</summary>
    InterruptedCheckpoint,

    /// <summary>The test host never started recording (no tests, recording off, or it died before the first test).</summary>
    NothingRecorded,
}
