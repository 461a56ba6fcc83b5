namespace Ommx.Integration.Comparison;

/// <summary>One test case across a repository's Experiments, oldest first.</summary>
/// <param name="Key">The matching key (as <see cref="ExperimentComparer"/> keys cases).</param>
/// <param name="DisplayName">The latest display name.</param>
/// <param name="Outcomes">Its <c>test.outcome</c> in each Experiment; null where it is absent.</param>
/// <param name="Metrics">Each declared metric (and Solve objective) per Experiment; null where absent.</param>
/// <param name="FirstFailure">
/// When it fails in the latest Experiment that has it: the index of the Experiment where that unbroken run of
/// failures began; else null.
/// </param>
/// <param name="Flaky">Why it is flaky (passed and failed at one git revision, or alternating); null when it is not.</param>
internal sealed record CaseHistory(
    string Key,
    string DisplayName,
    IReadOnlyList<string?> Outcomes,
    IReadOnlyDictionary<string, IReadOnlyList<double?>> Metrics,
    int? FirstFailure,
    string? Flaky)
{
    /// <summary>Whether the latest Experiment that has it says failed or interrupted.</summary>
    public bool FailingNow => FirstFailure is not null;

    /// <summary>Whether its outcome was not the same everywhere it appears.</summary>
    public bool Changed => Outcomes.Where(o => o is not null).Distinct(StringComparer.Ordinal).Skip(1).Any();
}
