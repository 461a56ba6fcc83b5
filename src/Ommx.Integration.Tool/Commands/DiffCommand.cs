using Ommx.Integration.Comparison;
using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx diff</c>: what changed from a base Experiment to a head Experiment — test cases that broke, were fixed
/// or still fail, and metrics that regressed or improved — a summary line first, then the changed rows.
/// Images that are not local are pulled. Exit 1 with <c>--fail-on-regression</c> when something broke or regressed.
/// </summary>
internal sealed class DiffCommand
{
    private readonly CommandConsole console;

    public DiffCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(DiffCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var baseImage = CommandInput.Image(options.Base);
            var headImage = CommandInput.Image(options.Head);
            var metrics = options.Metrics.Select(ParseMetric).ToList();
            ComparisonReport report;
            using (var registry = Open(options.Root, baseImage, headImage))
            {
                var load = new ExperimentLoadOptions { Remote = new RemoteOptions { Insecure = options.Insecure } };
                using var before = Experiment.Load(registry, baseImage.ToString(), load);
                using var after = Experiment.Load(registry, headImage.ToString(), load);
                report = ExperimentComparer.Compare(before, after, new ComparisonOptions { Metrics = metrics });
            }

            if (options.Json)
            {
                DiffJson.Write(console.Out, report);
            }
            else if (options.Markdown)
            {
                console.Out.Write(ComparisonMarkdown.Format(report));
            }
            else
            {
                WriteText(report);
            }

            return options.FailOnRegression && report.HasRegression ? ExitCode.Problems : ExitCode.Ok;
        });
    }

    /// <summary>Read-only when both images are local (nothing is created); otherwise the pull writes.</summary>
    private static LocalRegistry Open(string? root, Oci.ImageReference baseImage, Oci.ImageReference headImage)
    {
        var registry = LocalRegistry.Open(root, RegistryAccess.Read);
        if (registry.Resolve(baseImage) is not null && registry.Resolve(headImage) is not null)
        {
            return registry;
        }

        registry.Dispose();
        return LocalRegistry.Open(root, RegistryAccess.Write);
    }

    private static MetricDeclaration ParseMetric(string text)
    {
        // name:goal[:tolerance[:relative]]; the name may itself contain ':' (value:number), so the goal is found from the right.
        var parts = text.Split(':');
        for (var i = parts.Length - 1; i >= 1; i--)
        {
            if (MetricAnnotation.TryParseGoal(parts[i], out _))
            {
                var name = string.Join(':', parts[..i]);
                if (MetricDeclaration.TryParse(name, string.Join(';', parts[i..]), out var metric, out var problem))
                {
                    return metric;
                }

                throw new CommandUsageException($"--metric {text}: {problem}");
            }
        }

        throw new CommandUsageException($"--metric {text}: expected name:maximize or name:minimize, optionally followed by :tolerance[:relative tolerance], for example objective:maximize:1e-6");
    }

    private void WriteText(ComparisonReport report)
    {
        console.Status("Base", report.Base);
        console.Status("Head", report.Head);
        console.Status("Summary", ComparisonText.SummaryLine(report.Summary), report.HasRegression ? StatusTone.Bad : StatusTone.Good);
        if (report.DuplicateKeys.Count > 0)
        {
            console.Warning($"recorded more than once in one Experiment, compared per occurrence (key#2, …): {string.Join(", ", report.DuplicateKeys)}");
        }

        var rows = ComparisonText.Rows(report).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var table = new CommandTable(
            ("CHANGE", ColumnAlignment.Left), ("TEST", ColumnAlignment.Left), ("VALUE", ColumnAlignment.Left),
            ("BASE", ColumnAlignment.Right), ("HEAD", ColumnAlignment.Right));
        foreach (var row in rows)
        {
            table.Add(row.Change, row.Test, row.Value, row.Base, row.Head);
        }

        console.Line(string.Empty);
        console.Table(table);
    }
}
