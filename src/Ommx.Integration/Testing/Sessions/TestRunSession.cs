using Ommx.Integration.Testing.Resume;

namespace Ommx.Integration.Testing.Sessions;

/// <summary>
/// One <c>dotnet test</c> of one project and target framework, opened by the build before the test host
/// starts: the image name its Experiment gets and the build process that will finish it.
/// </summary>
internal sealed record TestRunSession
{
    public required string Id { get; init; }

    /// <summary>The image name the Experiment is recorded (journalled) and committed under.</summary>
    public required string ImageName { get; init; }

    /// <summary>Whether <see cref="ImageName"/> was chosen by the user (never moved) or generated for this run.</summary>
    public required bool ExplicitName { get; init; }

    public string? Project { get; init; }

    public string? TargetFramework { get; init; }

    /// <summary>The build process that opened the session and runs the commit step.</summary>
    public required OwnerProcess Owner { get; init; }

    public required DateTime CreatedUtc { get; init; }

    /// <summary>What the run tests (the build computes it; the host records it with the Experiment).</summary>
    public TestRunFingerprint? Fingerprint { get; init; }

    /// <summary>The checkpoint this run resumes, when the build decided to resume one.</summary>
    public TestRunResume? Resume { get; init; }

    /// <summary>What the build should say about resuming: what is resumed, or why nothing is (<c>null</c> when no resume was asked for).</summary>
    public string? ResumeNote { get; init; }

    /// <summary><c>OmmxRetryFailed</c>: how many times the host re-runs a failed test case.</summary>
    public int RetryFailed { get; init; }
}
