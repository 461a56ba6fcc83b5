using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx experiments</c>: committed Experiments with status, runs, solves, last update and digest. Refs the
/// listing had to repair or skip are reported on standard error.
/// </summary>
internal sealed class ExperimentsCommand
{
    private readonly CommandConsole console;

    public ExperimentsCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(ExperimentsCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            using var registry = LocalRegistry.Open(options.Root, RegistryAccess.Read);
            var (experiments, warnings) = ExperimentCatalog.List(registry, options.Prefix);
            if (options.Json)
            {
                ExperimentJson.WriteListing(console.Out, "experiments", experiments, warnings, checkpoint: false);
                return ExitCode.Ok;
            }

            foreach (var warning in warnings)
            {
                console.Warning(warning.ToString());
            }

            if (experiments.Count == 0)
            {
                console.Status("Empty", options.Prefix is null ? "no Experiments found" : $"no Experiments match {options.Prefix}");
                return ExitCode.Ok;
            }

            var table = new CommandTable(
                ("IMAGE", ColumnAlignment.Left),
                ("STATUS", ColumnAlignment.Left),
                ("RUNS", ColumnAlignment.Right),
                ("SOLVES", ColumnAlignment.Right),
                ("UPDATED", ColumnAlignment.Left),
                ("DIGEST", ColumnAlignment.Left));
            foreach (var record in experiments)
            {
                table.Add(record.ImageName, StatusText.Of(record.Status), ListingText.Count(record.RunCount),
                    ListingText.Count(record.SolveCount), ListingText.Time(record.UpdatedAt), ListingText.ShortDigest(record.ManifestDigest));
            }

            console.Table(table);
            return ExitCode.Ok;
        });
    }
}
