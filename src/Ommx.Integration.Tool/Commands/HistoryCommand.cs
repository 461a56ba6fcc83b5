using System.Globalization;
using System.Text;
using Ommx.Integration.Comparison;
using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx history</c>: a repository's newest Experiments (committed ones and failed or interrupted checkpoints),
/// then each test case that failed, changed or is flaky across them: its outcome sequence (oldest first:
/// <c>P</c> passed, <c>F</c> failed, <c>I</c> interrupted, <c>S</c> skipped, <c>.</c> absent), where its current
/// failure began, why it is flaky, and the trend of its declared metrics.
/// </summary>
internal sealed class HistoryCommand
{
    private readonly CommandConsole console;

    public HistoryCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(HistoryCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            if (options.Limit < 1)
            {
                throw new CommandUsageException($"--limit must be at least 1, not {options.Limit}");
            }

            HistoryReport report;
            using (var registry = LocalRegistry.Open(options.Root, options.Remote ? RegistryAccess.Write : RegistryAccess.Read))
            {
                if (options.Remote)
                {
                    ReportPull(RemoteHistory.Pull(registry, options.Repository, options.Limit, new RemoteOptions { Insecure = options.Insecure }), options.Json);
                }

                var entries = ExperimentHistory.Find(registry, options.Repository, options.Limit);
                if (entries.Count == 0)
                {
                    throw new OmmxException($"No Experiments of repository {options.Repository} in the Local Registry (see `ommx experiments` for the names there)");
                }

                report = ExperimentHistory.Build(registry, options.Repository, entries);
            }

            var shown = report.Cases.Where(c => options.All || c.FailingNow || c.Changed || c.Flaky is not null).ToList();
            if (options.Json)
            {
                HistoryJson.Write(console.Out, report, shown);
            }
            else
            {
                WriteText(report, shown);
            }

            return ExitCode.Ok;
        });
    }

    /// <summary>What came from the registry: one status line (not with <c>--json</c>, whose output is the report alone), one warning per tag left out.</summary>
    private void ReportPull(RemoteHistoryPull pull, bool json)
    {
        foreach (var failure in pull.Failed)
        {
            console.Warning($"{pull.Repository}:{failure.Tag} was not pulled and is left out: {failure.Problem}");
        }

        if (!json)
        {
            console.Status(
                "Registry",
                string.Create(CultureInfo.InvariantCulture, $"{pull.Repository}: {pull.Listed} tag(s) listed, {pull.Pulled.Count} pulled ({pull.Transferred} new here){(pull.Failed.Count > 0 ? $", {pull.Failed.Count} could not be pulled" : string.Empty)}"),
                pull.Failed.Count > 0 ? StatusTone.Bad : StatusTone.Normal);
        }
    }

    private void WriteText(HistoryReport report, IReadOnlyList<CaseHistory> shown)
    {
        console.Status("Repository", report.Repository);
        var experiments = new CommandTable(("#", ColumnAlignment.Right), ("IMAGE", ColumnAlignment.Left), ("STATUS", ColumnAlignment.Left), ("REVISION", ColumnAlignment.Left), ("CREATED", ColumnAlignment.Left));
        for (var i = 0; i < report.Experiments.Count; i++)
        {
            var entry = report.Experiments[i];
            experiments.Add(i.ToString(CultureInfo.InvariantCulture), entry.Image.ToString(), StatusText.Of(entry.Status), Short(entry.Revision), entry.Created);
        }

        console.Table(experiments);
        console.Line(string.Empty);
        console.Status(
            "Cases",
            string.Create(CultureInfo.InvariantCulture, $"{report.Cases.Count} test case(s): {report.FailingCases.Count()} failing now, {report.FlakyCases.Count()} flaky; showing {shown.Count}"),
            report.FailingCases.Any() ? StatusTone.Bad : StatusTone.Good);
        if (shown.Count == 0)
        {
            return;
        }

        var cases = new CommandTable(("TEST", ColumnAlignment.Left), ("OUTCOMES", ColumnAlignment.Left), ("FAILING SINCE", ColumnAlignment.Left), ("FLAKY", ColumnAlignment.Left), ("TREND", ColumnAlignment.Left));
        foreach (var item in shown)
        {
            var since = item.FirstFailure is { } first
                ? $"#{first} {Short(report.Experiments[first].Revision)}".TrimEnd()
                : string.Empty;
            cases.Add(item.DisplayName, Sequence(item.Outcomes), since, item.Flaky ?? string.Empty, Trend(item));
        }

        console.Table(cases);
    }

    private static string Sequence(IReadOnlyList<string?> outcomes)
    {
        var text = new StringBuilder(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            text.Append(outcome switch
            {
                "passed" => 'P',
                "failed" => 'F',
                "interrupted" => 'I',
                "skipped" => 'S',
                null => '.',
                _ => '?',
            });
        }

        return text.ToString();
    }

    private static string Trend(CaseHistory item) => string.Join(
        "; ",
        item.Metrics.Select(m => (m.Key, Values: m.Value.Where(v => v is not null).Select(v => v!.Value).ToList()))
            .Where(m => m.Values.Distinct().Skip(1).Any())
            .Select(m => $"{m.Key} {ComparisonText.Number(m.Values[0])} → {ComparisonText.Number(m.Values[^1])}"));

    private static string Short(string? revision) => revision is null ? "-" : ExperimentHistory.ShortRevision(revision);
}
