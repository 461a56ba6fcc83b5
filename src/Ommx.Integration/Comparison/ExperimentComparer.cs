using Ommx.Integration.Experiments;

namespace Ommx.Integration.Comparison;

/// <summary>
/// Compares two Experiments case by case. A Run is matched by a key that survives re-runs and reordering: its
/// <c>test.id</c> (xunit's test case id, the same for the same test and theory row in every run), or, for a Run
/// that is not a test case, the text of its non-float parameters other than declared metrics (for example
/// <c>capacity=10;seed=3</c>) — and only when it has none, its Run id. Numeric run parameters present in both
/// are compared (<c>test.duration_seconds</c> only when declared), and so is each finished Solve's objective
/// (judged by the solution's own sense) and feasibility.
/// </summary>
internal static class ExperimentComparer
{
    /// <summary>Compares <paramref name="head"/> with <paramref name="baseExperiment"/>.</summary>
    public static ComparisonReport Compare(Experiment baseExperiment, Experiment head, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseExperiment);
        ArgumentNullException.ThrowIfNull(head);
        var metrics = Declarations(baseExperiment, head, options ?? new ComparisonOptions());
        var duplicates = new SortedSet<string>(StringComparer.Ordinal);
        var baseCases = CaseTable.Read(baseExperiment, metrics, duplicates);
        var headCases = CaseTable.Read(head, metrics, duplicates);
        var cases = new List<CaseComparison>();
        foreach (var key in baseCases.Keys.Union(headCases.Keys).Order(StringComparer.Ordinal))
        {
            baseCases.TryGetValue(key, out var before);
            headCases.TryGetValue(key, out var after);
            cases.Add(Compare(key, before, after, metrics));
        }

        return new ComparisonReport(
            baseExperiment.ImageName.ToString(),
            head.ImageName.ToString(),
            Summarize(cases),
            cases,
            [.. metrics.Values.Where(m => !m.Name.StartsWith("solve[", StringComparison.Ordinal)).OrderBy(m => m.Name, StringComparer.Ordinal)],
            [.. duplicates]);
    }

    internal static Dictionary<string, MetricDeclaration> Declarations(Experiment baseExperiment, Experiment head, ComparisonOptions options)
    {
        var metrics = new Dictionary<string, MetricDeclaration>(StringComparer.Ordinal);
        foreach (var metric in MetricAnnotation.Read(baseExperiment.Annotations)
                     .Concat(MetricAnnotation.Read(head.Annotations))
                     .Concat(options.Metrics))
        {
            metrics[metric.Name] = metric;
        }

        return metrics;
    }

    private static CaseComparison Compare(string key, ComparedCase? before, ComparedCase? after, Dictionary<string, MetricDeclaration> metrics)
    {
        if (before is null || after is null)
        {
            var only = (before ?? after)!;
            return new CaseComparison(key, only.DisplayName, before?.Outcome, after?.Outcome, before is null ? OutcomeChange.New : OutcomeChange.Removed, []);
        }

        var compared = new List<MetricComparison>();
        foreach (var (name, headValue) in after.Values)
        {
            if (before.Values.TryGetValue(name, out var baseValue))
            {
                var declaration = metrics.GetValueOrDefault(name);
                compared.Add(new MetricComparison(name, baseValue, headValue, Judge(baseValue, headValue, declaration), declaration?.Goal));
            }
        }

        return new CaseComparison(key, after.DisplayName, before.Outcome, after.Outcome, OutcomeOf(before.Outcome, after.Outcome), compared);
    }

    private static MetricVerdict Judge(double baseValue, double headValue, MetricDeclaration? declaration)
    {
        if (baseValue.Equals(headValue))
        {
            return MetricVerdict.Unchanged;
        }

        if (declaration is null)
        {
            return MetricVerdict.Changed;
        }

        if (double.IsNaN(baseValue) || double.IsNaN(headValue))
        {
            return double.IsNaN(headValue) ? MetricVerdict.Regressed : MetricVerdict.Improved;
        }

        var delta = headValue - baseValue;
        if (Math.Abs(delta) <= declaration.AllowedChange(baseValue))
        {
            return MetricVerdict.Unchanged;
        }

        var better = declaration.Goal == MetricGoal.Maximize ? delta > 0 : delta < 0;
        return better ? MetricVerdict.Improved : MetricVerdict.Regressed;
    }

    internal static OutcomeChange OutcomeOf(string? before, string? after)
    {
        static bool Failing(string? outcome) => outcome is "failed" or "interrupted";
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return Failing(before) ? OutcomeChange.StillFailing : OutcomeChange.Same;
        }

        return (Failing(before), Failing(after)) switch
        {
            (false, true) => OutcomeChange.Broke,
            (true, false) when after == "passed" => OutcomeChange.Fixed,
            (true, true) => OutcomeChange.StillFailing,
            _ => OutcomeChange.Changed,
        };
    }

    private static ComparisonSummary Summarize(IReadOnlyList<CaseComparison> cases) => new(
        Broke: cases.Count(c => c.Outcome == OutcomeChange.Broke),
        Fixed: cases.Count(c => c.Outcome == OutcomeChange.Fixed),
        StillFailing: cases.Count(c => c.Outcome == OutcomeChange.StillFailing),
        New: cases.Count(c => c.Outcome == OutcomeChange.New),
        Removed: cases.Count(c => c.Outcome == OutcomeChange.Removed),
        Regressed: cases.Count(c => c.Regressed),
        Improved: cases.Count(c => c.Improved),
        Unchanged: cases.Count(c => c.Unchanged));
}
