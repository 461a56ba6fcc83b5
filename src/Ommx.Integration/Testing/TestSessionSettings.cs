using Ommx.Integration.Comparison;
using Ommx.Integration.Testing.Resume;

namespace Ommx.Integration.Testing;

/// <summary>
/// How a test run records: the image name (or a repository to name each run under), the registry root,
/// manifest annotations, and whether the test host finishes the Experiment itself.
/// </summary>
internal sealed record TestSessionSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>An exact image name to commit; <c>null</c> for a fresh name per run.</summary>
    public string? ExperimentName { get; init; }

    /// <summary>Repository for fresh names (<c>&lt;repository&gt;:&lt;UTC time&gt;-&lt;random&gt;</c>); <c>null</c> for an anonymous OMMX experiment name.</summary>
    public string? ExperimentRepository { get; init; }

    public string? RegistryRoot { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Declared metrics (<c>OmmxMetric</c> items), recorded in the Experiment so <c>ommx diff</c> judges them without flags.</summary>
    public IReadOnlyList<MetricDeclaration> Metrics { get; init; } = [];

    /// <summary>How theory arguments map to run-parameter columns (built from the assembly's theory declarations).</summary>
    public TheoryArgumentColumns ArgumentColumns { get; init; } = TheoryArgumentColumns.None;

    /// <summary>
    /// True when no build step follows the test host (IDE, <c>dotnet vstest</c>, MSBuild integration off): the host
    /// then commits (all passed) or publishes a failed checkpoint itself at the end of the assembly.
    /// </summary>
    public bool FinishInHost { get; init; } = true;

    /// <summary>
    /// The build's test session (from <c>OMMX_SESSION_ID</c>): its image name wins, the host only journals
    /// and reports, and the build step commits or checkpoints afterwards.
    /// </summary>
    public string? SessionId { get; init; }

    /// <summary>What this run tests, recorded with the Experiment (a build's session brings its own, which wins).</summary>
    public TestRunFingerprint? Fingerprint { get; init; }

    /// <summary>
    /// Without a build's session (IDE, <c>dotnet vstest</c>, a library caller): the checkpoint to resume, as
    /// <see cref="ResumePlanner.Load(Registry.LocalRegistry, string)"/> takes it. With a session the build decides.
    /// </summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Re-run a failed test case up to this many times in the same run (the last attempt decides); a build's session brings its own.</summary>
    public int RetryFailed { get; init; }
}
