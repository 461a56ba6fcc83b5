namespace Ommx.Integration.Reporting;

/// <summary>The top of a report: which Experiment, in what state, recorded where and when, and its counts.</summary>
/// <param name="ImageName">The Experiment's image name.</param>
/// <param name="Status">finished, failed, interrupted or draft.</param>
/// <param name="Reason">The lifecycle reason of a checkpoint, when there is one.</param>
/// <param name="Created">When it was recorded (<c>org.opencontainers.image.created</c>), when known.</param>
/// <param name="Revision">The git revision (<c>org.opencontainers.image.revision</c>), when known.</param>
/// <param name="Branch">The git branch, when known.</param>
/// <param name="Machine">The machine that recorded it, when known.</param>
/// <param name="Framework">The test framework and target framework, when known.</param>
/// <param name="Project">The test project, when known.</param>
/// <param name="RunCount">How many Runs it has.</param>
/// <param name="SolveCount">How many Solves its Runs recorded.</param>
/// <param name="Outcomes">Runs per outcome (<c>test.outcome</c>, else the Run's status), most frequent first.</param>
/// <param name="TotalDurationSeconds">The sum of <c>test.duration_seconds</c>, when any Run has one.</param>
internal sealed record ReportHeader(
    string ImageName,
    string Status,
    string? Reason,
    string? Created,
    string? Revision,
    string? Branch,
    string? Machine,
    string? Framework,
    string? Project,
    int RunCount,
    int SolveCount,
    IReadOnlyList<KeyValuePair<string, int>> Outcomes,
    double? TotalDurationSeconds);
