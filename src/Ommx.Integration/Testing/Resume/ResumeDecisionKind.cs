namespace Ommx.Integration.Testing.Resume;

/// <summary>What a resume request comes to.</summary>
internal enum ResumeDecisionKind
{
    /// <summary>A checkpoint was found and its fingerprint matches (or the resume was forced).</summary>
    Resume,

    /// <summary>No failed or interrupted checkpoint to resume: the run records from scratch.</summary>
    NothingToResume,

    /// <summary>The fingerprint changed and the resume was not forced.</summary>
    Refused,
}
