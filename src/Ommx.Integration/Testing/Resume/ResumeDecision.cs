namespace Ommx.Integration.Testing.Resume;

/// <summary>The answer to a <see cref="ResumeRequest"/>: the plan to start from, or why there is none.</summary>
internal sealed record ResumeDecision
{
    public required ResumeDecisionKind Kind { get; init; }

    public ResumePlan? Plan { get; init; }

    /// <summary>What differs from the checkpoint's fingerprint (refused, or forced: then recorded in the new Experiment).</summary>
    public IReadOnlyList<FingerprintChange> Changes { get; init; } = [];

    /// <summary>One line for the build log: what is resumed, or why nothing is.</summary>
    public required string Message { get; init; }
}
