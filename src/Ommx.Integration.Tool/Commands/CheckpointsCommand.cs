using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx checkpoints</c>: draft, failed and interrupted Experiment checkpoints by requested name, with the
/// checkpoint ref a <c>restore</c> or <c>export</c> can use.
/// </summary>
internal sealed class CheckpointsCommand
{
    private readonly CommandConsole console;

    public CheckpointsCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(CheckpointsCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var statuses = options.Statuses.Select(CommandInput.CheckpointStatus).ToHashSet();
            using var registry = LocalRegistry.Open(options.Root, RegistryAccess.Read);
            var (checkpoints, warnings) = ExperimentCatalog.ListCheckpoints(registry, options.Prefix, statuses);
            if (options.Json)
            {
                ExperimentJson.WriteListing(console.Out, "checkpoints", checkpoints, warnings, checkpoint: true);
                return ExitCode.Ok;
            }

            foreach (var warning in warnings)
            {
                console.Warning(warning.ToString());
            }

            if (checkpoints.Count == 0)
            {
                console.Status("Empty", "no matching Experiment checkpoints found");
                return ExitCode.Ok;
            }

            var table = new CommandTable(
                ("IMAGE", ColumnAlignment.Left),
                ("STATUS", ColumnAlignment.Left),
                ("RUNS", ColumnAlignment.Right),
                ("SOLVES", ColumnAlignment.Right),
                ("UPDATED", ColumnAlignment.Left),
                ("DIGEST", ColumnAlignment.Left),
                ("CHECKPOINT", ColumnAlignment.Left));
            foreach (var record in checkpoints)
            {
                table.Add(record.RequestedImage?.ToString() ?? string.Empty, StatusText.Of(record.Status), ListingText.Count(record.RunCount),
                    ListingText.Count(record.SolveCount), ListingText.Time(record.UpdatedAt), ListingText.ShortDigest(record.ManifestDigest), record.ImageName);
            }

            console.Table(table);
            return ExitCode.Ok;
        });
    }
}
