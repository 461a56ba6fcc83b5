using System.Globalization;
using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Testing.Resume;

/// <summary>
/// A failed or interrupted checkpoint seen as the start of a resumed test run: which test cases passed there (their
/// Runs are carried as stored) and which must run (failed, interrupted, skipped, or never started — a test case the
/// checkpoint has no passed Run of). Test cases are keyed as <c>ommx diff</c> keys cases (<see cref="CaseTable"/>):
/// <c>test.id</c>, which the adapters set to the framework's test-case id, plus <c>[n]</c> for the rows of a theory the
/// framework did not enumerate before running. This is the seam every test framework adapter uses: it asks
/// <see cref="ShouldRun"/> per test case, runs those, and hands the ids it runs to <see cref="Select"/>.
/// </summary>
internal sealed class ResumePlan
{
    private readonly ExperimentContent content;
    private readonly Dictionary<string, List<ResumeCase>> byTestCase;
    private readonly Dictionary<string, List<ResumeCase>> rowsByTestCase;

    internal ResumePlan(ResumeCheckpoint checkpoint, ExperimentContent content)
    {
        Checkpoint = checkpoint;
        this.content = content;
        var cases = CasesOf(content.Runs.Values);
        Cases = cases;
        byTestCase = cases.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        rowsByTestCase = cases
            .Select(c => (Case: c, Open: c.Key.LastIndexOf('[')))
            .Where(c => c.Open > 0 && IsRowSuffix(c.Case.Key, c.Open))
            .GroupBy(c => c.Case.Key[..c.Open], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Case).ToList(), StringComparer.Ordinal);
    }

    public ResumeCheckpoint Checkpoint { get; }

    /// <summary>
    /// Runs as cases: key by the <see cref="CaseTable"/> rule, outcome <c>test.outcome</c> for a Run closed as finished
    /// (<c>passed</c> when a library Run logged none), else its status (<c>failed</c>, <c>interrupted</c>).
    /// </summary>
    internal static List<ResumeCase> CasesOf(IEnumerable<RunRecord> runs)
    {
        var records = runs.ToList();
        var table = RunParameterTable.FromRuns(records.Select(r => (r.Id, (IReadOnlyDictionary<string, RunParameterValue>)r.Parameters)));
        var cases = new List<ResumeCase>();
        foreach (var run in records)
        {
            var parameters = table.ForRun(run.Id);
            var outcome = parameters.TryGetValue(TestCaseParameters.Outcome, out var o) && o.Kind == RunParameterKind.String ? o.AsString() : "passed";
            var label = parameters.TryGetValue(TestCaseParameters.DisplayName, out var d) && d.Kind == RunParameterKind.String ? d.AsString() : null;
            var attempt = parameters.TryGetValue(TestSession.AttemptParameter, out var a) && a.Kind == RunParameterKind.Int64 ? a.AsInt64() : 1;
            cases.Add(new ResumeCase(CaseTable.KeyOf(run.Id, parameters), run.Id, label, run.Status == RunStatus.Finished ? outcome : StatusText.Of(run.Status)) { Attempt = attempt });
        }

        return cases;
    }

    /// <summary>Every Run of the checkpoint as a case.</summary>
    public IReadOnlyList<ResumeCase> Cases { get; }

    /// <summary>The fingerprint the checkpoint's session recorded (<c>null</c>: recorded before fingerprints existed).</summary>
    public TestRunFingerprint? Fingerprint => TestRunFingerprint.FromAnnotations(content.Annotations);

    /// <summary>The first run id no Run of the checkpoint uses (new Runs of the resumed session start there).</summary>
    public ulong NextRunId => content.NextRunId;

    /// <summary>How many test cases passed (their Runs are carried when they do not run again).</summary>
    public int PassedCount => Cases.Count(c => c.Passed);

    /// <summary>
    /// Whether the test case with framework id <paramref name="testCaseId"/> must run: unless every Run the checkpoint
    /// holds of it (its own key, or its rows <c>id[0]</c>, <c>id[1]</c>, …) passed — for a retried one, its last attempt. A test case the checkpoint does not
    /// know (new, or never started before the crash) runs.
    /// </summary>
    public bool ShouldRun(string testCaseId)
    {
        ArgumentNullException.ThrowIfNull(testCaseId);
        var runs = RunsOf(testCaseId);
        // Per key the last attempt decides (retried test cases have several Runs); two Runs of one attempt are a duplicate id: run.
        return runs.Count == 0 || runs.GroupBy(r => r.Key, StringComparer.Ordinal).Any(g =>
        {
            var last = g.MaxBy(r => (r.Attempt, r.RunId))!;
            return !last.Passed || g.Count(r => r.Attempt == last.Attempt) > 1;
        });
    }

    /// <summary>The test cases of <paramref name="testCaseIds"/> that must run, in their order.</summary>
    public IReadOnlyList<string> Remaining(IEnumerable<string> testCaseIds) => testCaseIds.Where(ShouldRun).ToList();

    /// <summary>
    /// Decides what the resumed session carries. <paramref name="running"/>: the test-case ids it runs (after
    /// <see cref="ShouldRun"/> and any filter). <paramref name="existing"/>: every test-case id the test assembly has now,
    /// or <c>null</c> when the adapter cannot tell (then nothing is dropped). A checkpoint Run whose test case runs again
    /// is replaced by the new Run; one whose test case is gone is dropped; every other one is carried as stored —
    /// passed, skipped, or (outside a filter) still failed, which keeps the run from committing.
    /// </summary>
    public ResumeSelection Select(IEnumerable<string> running, IEnumerable<string>? existing)
    {
        ArgumentNullException.ThrowIfNull(running);
        var runningIds = running.ToHashSet(StringComparer.Ordinal);
        var existingIds = existing?.ToHashSet(StringComparer.Ordinal);
        var carried = new List<RunRecord>();
        var carriedFailed = new List<ResumeCase>();
        var dropped = new List<ResumeCase>();
        foreach (var c in Cases)
        {
            if (Owner(c.Key, runningIds) is not null)
            {
                continue;
            }

            if (existingIds is not null && Owner(c.Key, existingIds) is null)
            {
                dropped.Add(c);
                continue;
            }

            carried.Add(content.Runs[c.RunId]);
            if (c.Failed && byTestCase[c.Key].MaxBy(r => (r.Attempt, r.RunId)) == c)
            {
                carriedFailed.Add(c);
            }
        }

        return new ResumeSelection { Carried = carried, CarriedFailed = carriedFailed, Dropped = dropped };
    }

    private List<ResumeCase> RunsOf(string testCaseId)
    {
        var runs = new List<ResumeCase>();
        if (byTestCase.TryGetValue(testCaseId, out var own))
        {
            runs.AddRange(own);
        }

        if (rowsByTestCase.TryGetValue(testCaseId, out var rows))
        {
            runs.AddRange(rows);
        }

        return runs;
    }

    /// <summary>The id in <paramref name="ids"/> that <paramref name="key"/> belongs to: itself, or for a row key <c>id[n]</c> its test case.</summary>
    private static string? Owner(string key, HashSet<string> ids)
    {
        if (ids.Contains(key))
        {
            return key;
        }

        var open = key.LastIndexOf('[');
        return open > 0 && IsRowSuffix(key, open) && ids.Contains(key[..open]) ? key[..open] : null;
    }

    private static bool IsRowSuffix(string key, int open) =>
        key[^1] == ']' && open + 1 < key.Length - 1 && int.TryParse(key.AsSpan(open + 1, key.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
