using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Model;

namespace Ommx.Integration.Comparison;

/// <summary>
/// Compares two Experiments case by case. A Run is matched by a key that survives re-runs and reordering: its
/// <c>test.id</c> (xunit's test case id, the same for the same test and theory row in every run), or, for a Run
/// that is not a test case, the text of its non-float parameters other than declared metrics (for example
/// <c>capacity=10;seed=3</c>) — and only when it has none, its Run id. Numeric run parameters present in both
/// are compared (<c>test.duration_seconds</c> only when declared), and so is each finished Solve's objective
/// (judged by the solution's own sense) and feasibility.
/// </summary>
public static class ExperimentComparer
{
    private const string TestId = "test.id";
    private const string DisplayName = "test.display_name";
    private const string Outcome = "test.outcome";
    private const string Duration = "test.duration_seconds";
    private const string SolveObjective = "solve.objective";
    private const double DefaultObjectiveRelativeTolerance = 1e-9;

    private static readonly HashSet<string> NotIdentifying = new(StringComparer.Ordinal)
    {
        TestId, DisplayName, Outcome, Duration, "test.skip_reason",
    };

    /// <summary>Compares <paramref name="head"/> with <paramref name="baseExperiment"/>.</summary>
    public static ComparisonReport Compare(Experiment baseExperiment, Experiment head, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseExperiment);
        ArgumentNullException.ThrowIfNull(head);
        var metrics = Declarations(baseExperiment, head, options ?? new ComparisonOptions());
        var duplicates = new SortedSet<string>(StringComparer.Ordinal);
        var baseCases = Cases(baseExperiment, metrics, duplicates);
        var headCases = Cases(head, metrics, duplicates);
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

    private static Dictionary<string, MetricDeclaration> Declarations(Experiment baseExperiment, Experiment head, ComparisonOptions options)
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

    private static Dictionary<string, ComparedCase> Cases(Experiment experiment, Dictionary<string, MetricDeclaration> metrics, SortedSet<string> duplicates)
    {
        var table = experiment.RunParameters;
        var solves = experiment.Runs.Where(r => r.Solves.Count > 0).ToDictionary(r => r.Id);
        var cases = new Dictionary<string, ComparedCase>(StringComparer.Ordinal);
        foreach (var runId in table.RunIds.Union(solves.Keys).Order())
        {
            var parameters = table.ForRun(runId);
            var key = Key(runId, parameters, metrics);
            if (cases.ContainsKey(key))
            {
                duplicates.Add(key);
                var occurrence = 2;
                while (cases.ContainsKey($"{key}#{occurrence}"))
                {
                    occurrence++;
                }

                key = $"{key}#{occurrence}";
            }

            var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, value) in parameters)
            {
                if (value.Kind is RunParameterKind.Int64 or RunParameterKind.Float64 && (name != Duration || metrics.ContainsKey(name)))
                {
                    values[name] = value.Kind == RunParameterKind.Int64 ? value.AsInt64() : value.AsDouble();
                }
            }

            if (solves.TryGetValue(runId, out var run))
            {
                AddSolves(run, values, metrics);
            }

            var display = parameters.TryGetValue(DisplayName, out var shown) && shown.Kind == RunParameterKind.String ? shown.AsString() : key;
            var outcome = parameters.TryGetValue(Outcome, out var ended) && ended.Kind == RunParameterKind.String ? ended.AsString() : null;
            cases[key] = new ComparedCase(key, display, outcome, values);
        }

        return cases;
    }

    private static void AddSolves(RunView run, SortedDictionary<string, double> values, Dictionary<string, MetricDeclaration> metrics)
    {
        var views = run.SolveViews;
        for (var i = 0; i < views.Count; i++)
        {
            if (views[i].Output is not { } solution)
            {
                continue;
            }

            var objective = $"solve[{i}].objective";
            var feasible = $"solve[{i}].feasible";
            values[objective] = solution.Objective;
            values[feasible] = solution.Feasible ? 1 : 0;
            var declared = metrics.GetValueOrDefault(SolveObjective);
            var goal = solution.Sense == ObjectiveSense.Maximize ? MetricGoal.Maximize : MetricGoal.Minimize;
            metrics.TryAdd(objective, new MetricDeclaration(
                objective,
                goal,
                declared?.Tolerance ?? 0,
                declared?.RelativeTolerance ?? DefaultObjectiveRelativeTolerance));
            metrics.TryAdd(feasible, new MetricDeclaration(feasible, MetricGoal.Maximize));
        }
    }

    private static string Key(ulong runId, IReadOnlyDictionary<string, RunParameterValue> parameters, Dictionary<string, MetricDeclaration> metrics)
    {
        if (parameters.TryGetValue(TestId, out var id) && id.Kind == RunParameterKind.String && id.AsString().Length > 0)
        {
            return id.AsString();
        }

        var identifying = parameters
            .Where(p => p.Value.Kind != RunParameterKind.Float64 && !NotIdentifying.Contains(p.Key) && !metrics.ContainsKey(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}")
            .ToList();
        return identifying.Count > 0 ? string.Join(";", identifying) : "run " + runId.ToString(CultureInfo.InvariantCulture);
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

    private static OutcomeChange OutcomeOf(string? before, string? after)
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
