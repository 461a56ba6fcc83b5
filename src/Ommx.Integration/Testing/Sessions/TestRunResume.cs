namespace Ommx.Integration.Testing.Sessions;

/// <summary>The checkpoint a session resumes, as the build chose it and the test host reads it.</summary>
internal sealed record TestRunResume
{
    /// <summary>The checkpoint's ref (or the name it was chosen by).</summary>
    public required string ImageName { get; init; }

    /// <summary>The name the Experiment was recorded under (what a user types and what the hints print), not the checkpoint's internal ref.</summary>
    public required string RecordedName { get; init; }

    /// <summary>The checkpoint manifest digest: exactly this manifest is resumed, whatever its ref points to by then.</summary>
    public required string ManifestDigest { get; init; }

    /// <summary>Set when the resume was forced across a changed fingerprint: what changed (recorded in the Experiment).</summary>
    public string? ForcedAcross { get; init; }
}
