namespace Ommx.Integration.Testing.Sessions;

/// <summary>How a test session ended, and the line the build prints for it.</summary>
public sealed record TestRunOutcome
{
    public required TestRunOutcomeKind Kind { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The Experiment's requested image name.</summary>
    public required string ImageName { get; init; }

    /// <summary>The manifest published: the committed Experiment or the checkpoint.</summary>
    public string? ManifestDigest { get; init; }

    /// <summary>The internal checkpoint ref holding a failed or interrupted run.</summary>
    public string? CheckpointName { get; init; }

    /// <summary>The moving alias that now points at this result (for example <c>…:latest</c>).</summary>
    public string? Alias { get; init; }

    public int Runs { get; init; }

    public string? Reason { get; init; }

    /// <summary>Storage errors the test host reported (its tests ran on regardless).</summary>
    public int RecordingErrors { get; init; }

    /// <summary>The first line, for example <c>OMMX: committed &lt;image&gt; (6 runs) sha256:…</c>.</summary>
    public string Headline => Kind switch
    {
        TestRunOutcomeKind.Committed => $"OMMX: committed {ImageName} ({Runs} runs) {ManifestDigest}",
        TestRunOutcomeKind.FailedCheckpoint => $"OMMX: tests failed, {ImageName} not committed; failed checkpoint ({Runs} runs) {ManifestDigest}: {Reason}",
        TestRunOutcomeKind.InterruptedCheckpoint => $"OMMX: interrupted checkpoint for {ImageName} ({Runs} runs) {ManifestDigest}: {Reason}",
        _ => $"OMMX: nothing recorded for {ImageName}: {Reason}",
    };

    /// <summary>Follow-up lines: how to inspect or restore a checkpoint.</summary>
    public IReadOnlyList<string> Hints => Kind switch
    {
        TestRunOutcomeKind.FailedCheckpoint or TestRunOutcomeKind.InterruptedCheckpoint =>
        [
            $"  inspect: ommx inspect {Alias ?? CheckpointName}",
            $"  restore: Experiment.RestoreFromCheckpoint(registry, \"{ImageName}\") continues it; ommx checkpoints lists every checkpoint",
        ],
        TestRunOutcomeKind.Committed when Alias is not null => [$"  inspect: ommx inspect {Alias}"],
        _ => [],
    };
}
