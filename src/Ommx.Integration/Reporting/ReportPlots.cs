using System.Globalization;
using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Model;

namespace Ommx.Integration.Reporting;

/// <summary>
/// Chooses a report's plots from the data: outcome counts; the duration distribution (when Runs have
/// <c>test.duration_seconds</c>); each Solve's objective per Run, feasible and infeasible apart (when Runs
/// solved); and each declared metric or other numeric parameter against each numeric swept parameter — a
/// theory argument (its name appears as <c>name: value</c> in the test's display name) or, for an Experiment
/// that is not a test suite, an integer parameter with at least two values. Each declared metric gets one headline
/// plot (<see cref="ReportPlot.Metric"/>) against the swept parameter most of its Runs have, or against the Run id
/// when nothing is swept; its plots against the other swept parameters follow. Points are grouped by test method, else by a text parameter with a few
/// values (a solver, a backend), and downsampled to the cap; with a baseline its values are overlaid.
/// </summary>
internal static class ReportPlots
{
    private const int MaxGroups = 8;

    public static IReadOnlyList<ReportPlot> Choose(IReadOnlyList<RunView> runs, IReadOnlyList<MetricDeclaration> metrics, ReportOptions options, List<string> notes)
    {
        var plots = new List<ReportPlot>();
        if (runs.Count == 0)
        {
            return plots;
        }

        plots.Add(OutcomeCounts(runs));
        if (Durations(runs, options) is { } durations)
        {
            plots.Add(durations);
        }

        if (Solves(runs, options) is { } solves)
        {
            plots.Add(solves);
        }

        var numeric = NumericColumns(runs);
        var swept = Swept(runs, numeric, metrics);
        var declared = metrics.Select(m => m.Name).Where(numeric.Contains).ToList();
        var others = numeric.Where(n => !swept.Contains(n) && !declared.Contains(n) && n != RunColumnOrder.Duration && !n.StartsWith(TestCaseParameters.Prefix, StringComparison.Ordinal) && !n.StartsWith(TestCaseParameters.TraitPrefix, StringComparison.Ordinal));
        var ys = declared.Concat(others).Concat(numeric.Contains(RunColumnOrder.Duration) && swept.Count > 0 ? [RunColumnOrder.Duration] : []).ToList();
        var pairs = new List<(string Y, string? X, bool Headline)>();
        foreach (var y in ys)
        {
            // A declared metric's headline plot is against the swept parameter most of its Runs have (then the one with most values).
            var xs = swept.Where(x => x != y)
                .OrderByDescending(x => runs.Count(r => r.Parameters.ContainsKey(x) && r.Parameters.ContainsKey(y)))
                .ThenByDescending(x => runs.Where(r => r.Parameters.ContainsKey(x)).Select(r => ExperimentReporter.Number(r.Parameters[x])).Distinct().Count())
                .ToList();
            if (xs.Count > 0)
            {
                pairs.AddRange(xs.Select((x, i) => (y, (string?)x, i == 0 && declared.Contains(y))));
            }
            else if (declared.Contains(y))
            {
                pairs.Add((y, null, true));
            }
        }

        if (pairs.Count > options.MaxParameterPlots)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{pairs.Count - options.MaxParameterPlots} of {pairs.Count} parameter plots left out (declared metrics come first)."));
            pairs = pairs.Take(options.MaxParameterPlots).ToList();
        }

        var baselineRuns = options.Baseline?.Runs;
        foreach (var (y, x, headline) in pairs)
        {
            plots.Add(ParameterPlot(runs, y, x, headline ? y : null, declared.Contains(y) ? baselineRuns : null, options));
        }

        foreach (var plot in plots.Where(p => p.ShownPoints < p.TotalPoints && p.Kind == ReportPlotKind.Scatter))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{plot.Title}: {plot.ShownPoints:N0} of {plot.TotalPoints:N0} points drawn (each bin's lowest and highest kept)."));
        }

        return [.. plots.Select((p, i) => p with { Id = "plot-" + (i + 1).ToString(CultureInfo.InvariantCulture) })];
    }

    private static ReportPlot OutcomeCounts(IReadOnlyList<RunView> runs)
    {
        var counts = runs.GroupBy(ExperimentReporter.OutcomeOf, StringComparer.Ordinal)
            .Select(g => (Outcome: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Outcome, StringComparer.Ordinal)
            .ToList();
        var points = counts.Select((c, i) => new ReportPoint(i, c.Count)).ToList();
        return new ReportPlot(string.Empty, ReportPlotKind.Bars, "Runs by outcome", "outcome", "runs", [new ReportSeries("runs", points, points.Count, false)])
        {
            Categories = [.. counts.Select(c => c.Outcome)],
        };
    }

    private static ReportPlot? Durations(IReadOnlyList<RunView> runs, ReportOptions options)
    {
        var seconds = runs
            .Select(r => r.Parameters.TryGetValue(RunColumnOrder.Duration, out var v) && ExperimentReporter.IsNumber(v) ? ExperimentReporter.Number(v) : double.NaN)
            .Where(double.IsFinite)
            .ToList();
        if (seconds.Count == 0)
        {
            return null;
        }

        var min = seconds.Min();
        var max = seconds.Max();
        var bins = (int)Math.Clamp(Math.Ceiling(Math.Sqrt(seconds.Count)), 1, Math.Min(40, options.MaxPointsPerPlot));
        var width = max > min ? (max - min) / bins : Math.Max(Math.Abs(min) * 0.1, 0.001);
        var counts = new int[bins];
        foreach (var value in seconds)
        {
            counts[Math.Clamp((int)((value - min) / width), 0, bins - 1)]++;
        }

        var points = counts.Select((count, i) => new ReportPoint(min + i * width, count)).ToList();
        return new ReportPlot(string.Empty, ReportPlotKind.Histogram, "Test duration", "seconds", "runs", [new ReportSeries("runs", points, seconds.Count, false)])
        {
            BinWidth = width,
        };
    }

    private static ReportPlot? Solves(IReadOnlyList<RunView> runs, ReportOptions options)
    {
        var feasible = new List<ReportPoint>();
        var infeasible = new List<ReportPoint>();
        foreach (var run in runs)
        {
            foreach (var solve in run.Solves)
            {
                if (solve.Output is not { } output)
                {
                    continue;
                }

                SolutionSummary? summary;
                try
                {
                    summary = SolutionSummary.TryRead(output.MediaType, run.ReadBlob(output));
                }
                catch (Exception e) when (e is OmmxException || StorageErrors.IsStorageError(e))
                {
                    summary = null;
                }

                if (summary is not null && double.IsFinite(summary.Objective))
                {
                    (summary.Feasible ? feasible : infeasible).Add(new ReportPoint(run.Id, summary.Objective));
                }
            }
        }

        if (feasible.Count + infeasible.Count == 0)
        {
            return null;
        }

        var cap = Math.Max(2, options.MaxPointsPerPlot / 2);
        return new ReportPlot(string.Empty, ReportPlotKind.Scatter, "Solve objective per Run", "run", "objective",
        [
            new ReportSeries("feasible", PointSampler.Downsample(feasible, cap), feasible.Count, false),
            new ReportSeries("infeasible", PointSampler.Downsample(infeasible, cap), infeasible.Count, false),
        ]);
    }

    /// <summary>Columns whose every value is a number.</summary>
    private static List<string> NumericColumns(IReadOnlyList<RunView> runs)
    {
        var kinds = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var parameters in runs.Select(r => r.Parameters))
        {
            foreach (var (name, value) in parameters)
            {
                kinds[name] = (!kinds.TryGetValue(name, out var numeric) || numeric) && ExperimentReporter.IsNumber(value);
            }
        }

        return [.. RunColumnOrder.Of(runs.Select(r => r.Parameters)).Where(n => kinds[n])];
    }

    /// <summary>The numeric parameters a sweep varies (see the class summary).</summary>
    private static List<string> Swept(IReadOnlyList<RunView> runs, List<string> numeric, IReadOnlyList<MetricDeclaration> metrics)
    {
        var isSuite = runs.Any(r => r.Parameters.ContainsKey(ExperimentReporter.DisplayName));
        var swept = new List<string>();
        foreach (var name in numeric)
        {
            if (name.StartsWith(TestCaseParameters.Prefix, StringComparison.Ordinal) || name.StartsWith(TestCaseParameters.TraitPrefix, StringComparison.Ordinal) || metrics.Any(m => m.Name == name))
            {
                continue;
            }

            var values = runs.Where(r => r.Parameters.ContainsKey(name)).ToList();
            if (values.Select(r => ExperimentReporter.Number(r.Parameters[name])).Distinct().Take(2).Count() < 2)
            {
                continue;
            }

            var argument = name.EndsWith(":number", StringComparison.Ordinal) ? name[..^":number".Length] : name;
            var isSwept = isSuite
                ? values.Any(r => r.Parameters.TryGetValue(ExperimentReporter.DisplayName, out var shown) && shown.Kind == RunParameterKind.String && IsArgumentOf(shown.AsString(), argument))
                : values.All(r => r.Parameters[name].Kind == RunParameterKind.Int64);
            if (isSwept)
            {
                swept.Add(name);
            }
        }

        return swept;
    }

    /// <summary>Whether <paramref name="displayName"/> (xunit's <c>Method(a: 1, b: 2)</c>) shows an argument <paramref name="name"/>.</summary>
    private static bool IsArgumentOf(string displayName, string name)
    {
        var open = displayName.IndexOf('(', StringComparison.Ordinal);
        return open >= 0 && (displayName.Contains("(" + name + ": ", StringComparison.Ordinal) || displayName.Contains(", " + name + ": ", StringComparison.Ordinal));
    }

    private static ReportPlot ParameterPlot(IReadOnlyList<RunView> runs, string y, string? x, string? metric, IReadOnlyList<RunView>? baselineRuns, ReportOptions options)
    {
        var having = runs.Where(r => r.Parameters.TryGetValue(y, out var v) && ExperimentReporter.IsNumber(v) && (x is null || r.Parameters.ContainsKey(x))).ToList();
        var group = GroupColumn(having);
        var groups = having.GroupBy(r => group is not null && r.Parameters.TryGetValue(group, out var g) ? g.ToString() : y, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: group is null ? y : g.Key, Points: Points(g, y, x)))
            .ToList();
        if (baselineRuns is not null)
        {
            var baseline = baselineRuns.Where(r => r.Parameters.TryGetValue(y, out var v) && ExperimentReporter.IsNumber(v) && (x is null || r.Parameters.ContainsKey(x))).ToList();
            if (baseline.Count > 0)
            {
                groups.Add(("baseline", Points(baseline, y, x)));
            }
        }

        var cap = Math.Max(2, options.MaxPointsPerPlot / Math.Max(1, groups.Count));
        var series = groups.Select(g => new ReportSeries(
            g.Name,
            PointSampler.Downsample(g.Points, cap),
            g.Points.Count,
            Connected: x is not null && g.Points.Count > 1 && g.Points.Select(p => p.X).Distinct().Count() == g.Points.Count)).ToList();
        var xLabel = x ?? "run";
        return new ReportPlot(string.Empty, ReportPlotKind.Scatter, $"{y} by {xLabel}", xLabel, y, series, metric);
    }

    private static List<ReportPoint> Points(IEnumerable<RunView> runs, string y, string? x) =>
        [.. runs.Select(r => new ReportPoint(x is null ? r.Id : ExperimentReporter.Number(r.Parameters[x]), ExperimentReporter.Number(r.Parameters[y])))
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .OrderBy(p => p.X).ThenBy(p => p.Y)];

    /// <summary><c>test.method</c> when the Runs span several methods, else the first text parameter with 2 to 8 values; null for one group.</summary>
    private static string? GroupColumn(IReadOnlyList<RunView> runs)
    {
        static int Distinct(IReadOnlyList<RunView> runs, string name) =>
            runs.Select(r => r.Parameters.TryGetValue(name, out var v) ? v.ToString() : null).Distinct().Take(MaxGroups + 1).Count();

        if (runs.All(r => r.Parameters.ContainsKey(TestCaseParameters.Method)) && Distinct(runs, TestCaseParameters.Method) is > 1 and <= MaxGroups)
        {
            return TestCaseParameters.Method;
        }

        var candidates = runs.SelectMany(r => r.Parameters)
            .Where(p => p.Value.Kind == RunParameterKind.String && !p.Key.StartsWith(TestCaseParameters.Prefix, StringComparison.Ordinal))
            .Select(p => p.Key)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return candidates.FirstOrDefault(name => runs.All(r => r.Parameters.ContainsKey(name)) && Distinct(runs, name) is > 1 and <= MaxGroups);
    }
}
