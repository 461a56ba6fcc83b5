namespace Ommx.Integration.Testing.Resume;

/// <summary>What a build asks for when a test run is to resume (<c>OmmxResume</c>, <c>OmmxResumeFrom</c>, <c>OmmxResumeForce</c>).</summary>
internal sealed record ResumeRequest
{
    /// <summary>The checkpoint to resume (its ref, the name it was recorded under, or an alias such as <c>…:latest-failed</c>); <c>null</c> for the newest resumable one of <see cref="Repository"/>.</summary>
    public string? From { get; init; }

    /// <summary>Resume even when the fingerprint changed (the changes are recorded in the new Experiment).</summary>
    public bool Force { get; init; }

    /// <summary>The repository the run records into: where the newest checkpoint is looked for.</summary>
    public required string Repository { get; init; }

    /// <summary>The project (and target framework) whose checkpoints count; a checkpoint that names another one is skipped.</summary>
    public string? Project { get; init; }

    public string? TargetFramework { get; init; }

    /// <summary>What this run tests now.</summary>
    public required TestRunFingerprint Current { get; init; }
}
