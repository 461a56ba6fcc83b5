using System.Globalization;
using System.Text;
using Ommx.Integration.Comparison;
using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Testing;

namespace Ommx.Integration.Reporting;

/// <summary>
/// Builds an <see cref="ExperimentReport"/> from an Experiment of any origin (recorded by a test run, by a program,
/// or by the OMMX Python SDK) and any status (committed, failed or interrupted checkpoint): the header from its
/// annotations, the table from its run parameters, the failures from its Runs' statuses and attachments, and
/// plots chosen from the data (see <see cref="ReportPlots"/>).
/// </summary>
internal static class ExperimentReporter
{
    public const string Outcome = TestCaseParameters.Outcome;
    public const string DisplayName = TestCaseParameters.DisplayName;
    public const string StackTraceAttachment = "stack-trace.txt";
    public const string OutputAttachment = "output.txt";

    public static ExperimentReport Build(Experiment experiment, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        options ??= new ReportOptions();
        var runs = experiment.Runs;
        var metrics = Metrics(experiment, options.Baseline);
        var order = RunColumnOrder.Of(runs.Select(r => r.Parameters));
        var columns = order.Select(name => new ReportColumn(name, runs.All(r => !r.Parameters.TryGetValue(name, out var v) || IsNumber(v)))).ToList();
        var rows = runs.Select(r => new ReportRow(r.Id, OutcomeOf(r), order.Select(name => r.Parameters.TryGetValue(name, out var v) ? v.ToString() : null).ToList())).ToList();
        var notes = new List<string>();
        var failures = Failures(runs, options, notes);
        var plots = ReportPlots.Choose(runs, metrics, options, notes);
        var comparison = options.Baseline is { } baseline
            ? ExperimentComparer.Compare(baseline, experiment, new ComparisonOptions { Metrics = metrics })
            : null;
        return new ExperimentReport(Header(experiment, runs, rows), columns, rows, failures, plots, metrics, comparison, notes);
    }

    /// <summary>A Run's outcome: <c>test.outcome</c> when recorded, else its status.</summary>
    public static string OutcomeOf(RunView run) =>
        run.Parameters.TryGetValue(Outcome, out var outcome) && outcome.Kind == RunParameterKind.String && outcome.AsString().Length > 0
            ? outcome.AsString()
            : StatusText.Of(run.Status);

    public static bool IsNumber(RunParameterValue value) => value.Kind is RunParameterKind.Int64 or RunParameterKind.Float64;

    public static double Number(RunParameterValue value) => value.Kind == RunParameterKind.Int64 ? value.AsInt64() : value.AsDouble();

    private static List<MetricDeclaration> Metrics(Experiment experiment, Experiment? baseline)
    {
        var metrics = new Dictionary<string, MetricDeclaration>(StringComparer.Ordinal);
        foreach (var metric in (baseline is null ? [] : MetricAnnotation.Read(baseline.Annotations)).Concat(MetricAnnotation.Read(experiment.Annotations)))
        {
            metrics[metric.Name] = metric;
        }

        return [.. metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    private static ReportHeader Header(Experiment experiment, IReadOnlyList<RunView> runs, IReadOnlyList<ReportRow> rows)
    {
        var annotations = experiment.Annotations;
        string? Annotation(string key) => annotations.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        var framework = string.Join(", ", new[] { Annotation(AnnotationKeys.TestFramework), Annotation(AnnotationKeys.TargetFramework) }.OfType<string>());
        var created = Annotation("org.opencontainers.image.created") ?? CreatedFromRef(experiment);
        var outcomes = rows.GroupBy(r => r.Outcome, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Count()))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        double? duration = null;
        foreach (var run in runs)
        {
            if (run.Parameters.TryGetValue(RunColumnOrder.Duration, out var seconds) && IsNumber(seconds) && double.IsFinite(Number(seconds)))
            {
                duration = (duration ?? 0) + Number(seconds);
            }
        }

        return new ReportHeader(
            experiment.ImageName.ToString(),
            experiment.Status is { } status ? StatusText.Of(status) : "recording",
            experiment.LifecycleReason,
            created,
            Annotation("org.opencontainers.image.revision"),
            Annotation(AnnotationKeys.GitBranch),
            Annotation(AnnotationKeys.Machine),
            framework.Length > 0 ? framework : null,
            Annotation(AnnotationKeys.Project) ?? Annotation("org.opencontainers.image.title"),
            runs.Count,
            runs.Sum(r => r.Solves.Count),
            outcomes,
            duration);
    }

    private static string? CreatedFromRef(Experiment experiment)
    {
        try
        {
            return experiment.Registry.FindRef(experiment.ImageName)?.UpdatedAt;
        }
        catch (Exception e) when (e is OmmxException || StorageErrors.IsStorageError(e))
        {
            return null;
        }
    }

    private static List<ReportFailure> Failures(IReadOnlyList<RunView> runs, ReportOptions options, List<string> notes)
    {
        var failures = new List<ReportFailure>();
        foreach (var run in runs)
        {
            var outcome = OutcomeOf(run);
            if (run.Status == RunStatus.Finished && outcome is not ("failed" or "interrupted"))
            {
                continue;
            }

            var name = run.Parameters.TryGetValue(DisplayName, out var shown) && shown.Kind == RunParameterKind.String
                ? shown.AsString()
                : "run " + run.Id.ToString(CultureInfo.InvariantCulture);
            var detailed = failures.Count < options.MaxFailureDetails;
            failures.Add(new ReportFailure(
                run.Id,
                name,
                outcome,
                run.LifecycleReason,
                detailed ? Text(run, StackTraceAttachment, options.MaxAttachmentChars) : null,
                detailed ? Text(run, OutputAttachment, options.MaxAttachmentChars) : null));
        }

        if (failures.Count > options.MaxFailureDetails)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Stack traces and output are shown for the first {options.MaxFailureDetails} of {failures.Count} failures; `ommx cat <image> stack-trace.txt --run <id>` prints any other."));
        }

        return failures;
    }

    /// <summary>A text attachment of the Run, cut to <paramref name="limit"/> characters; null when absent or unreadable.</summary>
    private static string? Text(RunView run, string name, int limit)
    {
        if (!run.AttachmentNames.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(run.GetAttachmentBytes(name));
            return text.Length <= limit
                ? text
                : string.Concat(text.AsSpan(0, limit), string.Create(CultureInfo.InvariantCulture, $"\n… ({text.Length - limit} more characters; `ommx cat` prints all)"));
        }
        catch (Exception e) when (e is OmmxException || StorageErrors.IsStorageError(e))
        {
            return $"(could not be read: {e.Message})";
        }
    }
}
