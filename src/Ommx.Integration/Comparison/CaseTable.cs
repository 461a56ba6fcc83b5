using System.Globalization;
using Ommx.Integration.Experiments;
using Ommx.Integration.Model;

namespace Ommx.Integration.Comparison;

/// <summary>
/// An Experiment's Runs as comparable cases, keyed as <see cref="ExperimentComparer"/> documents: <c>test.id</c>, else
/// the non-float parameters other than declared metrics, else the Run id. Values are the numeric parameters
/// (<c>test.duration_seconds</c> only when declared) and each finished Solve's objective and feasibility, whose
/// implicit declarations are added to the metrics.
/// </summary>
internal static class CaseTable
{
    private const string TestId = TestCaseParameters.Id;
    private const string DisplayName = TestCaseParameters.DisplayName;
    private const string Outcome = TestCaseParameters.Outcome;
    private const string Duration = TestCaseParameters.DurationSeconds;
    private const string SolveObjective = "solve.objective";
    private const double DefaultObjectiveRelativeTolerance = 1e-9;

    private static readonly HashSet<string> NotIdentifying = new(StringComparer.Ordinal)
    {
        TestId, DisplayName, Outcome, Duration, TestCaseParameters.SkipReason,
    };

    public static Dictionary<string, ComparedCase> Read(Experiment experiment, Dictionary<string, MetricDeclaration> metrics, SortedSet<string> duplicates)
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

    /// <summary>The case key of one Run by the rule above, with no declared metrics (what a resumed test run matches test cases by).</summary>
    public static string KeyOf(ulong runId, IReadOnlyDictionary<string, RunParameterValue> parameters) => Key(runId, parameters, []);

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
}
