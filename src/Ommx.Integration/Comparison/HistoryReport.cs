namespace Ommx.Integration.Comparison;

/// <summary>A repository's recent Experiments (oldest first) and every test case across them.</summary>
internal sealed record HistoryReport(string Repository, IReadOnlyList<HistoryEntry> Experiments, IReadOnlyList<CaseHistory> Cases)
{
    /// <summary>Cases that are flaky.</summary>
    public IEnumerable<CaseHistory> FlakyCases => Cases.Where(c => c.Flaky is not null);

    /// <summary>Cases failing in the latest Experiment that has them.</summary>
    public IEnumerable<CaseHistory> FailingCases => Cases.Where(c => c.FailingNow);
}
