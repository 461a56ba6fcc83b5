using Ommx.Integration.Experiments;

namespace Ommx.Integration.Testing.Resume;

/// <summary>
/// What a resumed session takes over from its checkpoint, once the adapter knows which test cases it runs: the Runs
/// carried as stored (every Run of a test case that does not run again and still exists) and the test cases dropped
/// because the test assembly no longer has them.
/// </summary>
internal sealed record ResumeSelection
{
    /// <summary>The checkpoint's Runs that go into the new Experiment unchanged.</summary>
    public required IReadOnlyList<RunRecord> Carried { get; init; }

    /// <summary>The failed or interrupted ones among <see cref="Carried"/> (test cases a filter left out): the run cannot commit.</summary>
    public required IReadOnlyList<ResumeCase> CarriedFailed { get; init; }

    /// <summary>Test cases of the checkpoint the test assembly no longer has; not carried.</summary>
    public required IReadOnlyList<ResumeCase> Dropped { get; init; }
}
