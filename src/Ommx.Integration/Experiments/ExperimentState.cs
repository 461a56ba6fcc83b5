namespace Ommx.Integration.Experiments;

/// <summary>Where an Experiment handle is in its life.</summary>
internal enum ExperimentState
{
    /// <summary>Recording: Runs can be opened and things logged.</summary>
    Unsealed,

    /// <summary>Committed or loaded: read-only.</summary>
    Sealed,

    /// <summary>Published as a failed or interrupted checkpoint: read-only.</summary>
    Checkpoint,

    /// <summary>A commit failed; the handle refuses further work.</summary>
    CommitFailed,
}
