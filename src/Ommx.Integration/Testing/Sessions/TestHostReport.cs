namespace Ommx.Integration.Testing.Sessions;

/// <summary>
/// What the test host writes when it reaches the end of the test assembly: the proof that it did not
/// crash, and its counts. Without it the commit step knows the host died.
/// </summary>
internal sealed record TestHostReport
{
    public required int Runs { get; init; }

    public required int Failed { get; init; }

    /// <summary>Why the run failed (the failing tests), when <see cref="Failed"/> is not zero.</summary>
    public string? FailureReason { get; init; }

    public required int RecordingErrors { get; init; }

    public required DateTime FinishedUtc { get; init; }

    /// <summary>Runs carried over from the resumed checkpoint (not counted in <see cref="Runs"/>).</summary>
    public int Carried { get; init; }

    /// <summary>The checkpoint the run resumed (its requested name), or <c>null</c>.</summary>
    public string? ResumedFrom { get; init; }

    /// <summary>
    /// The manifest the host stored at its end for the build step to publish (its journal's last line names it), or
    /// <c>null</c> (nothing prepared, or a host from before this field: the build step replays the journal).
    /// </summary>
    public string? PreparedManifest { get; init; }
}
