using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Resume;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx checkpoints</c>: draft, failed and interrupted Experiment checkpoints by requested name, with the
/// checkpoint ref a <c>restore</c> or <c>export</c> can use, and whether <c>dotnet test -p:OmmxResume=true</c> can resume it
/// (failed or interrupted, and not resumed already).
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

            var superseded = ResumePlanner.Superseded(registry);
            var table = new CommandTable(
                ("IMAGE", ColumnAlignment.Left),
                ("STATUS", ColumnAlignment.Left),
                ("RUNS", ColumnAlignment.Right),
                ("SOLVES", ColumnAlignment.Right),
                ("UPDATED", ColumnAlignment.Left),
                ("DIGEST", ColumnAlignment.Left),
                ("CHECKPOINT", ColumnAlignment.Left),
                ("RESUME", ColumnAlignment.Left));
            var resumable = 0;
            foreach (var record in checkpoints)
            {
                table.Add(record.RequestedImage?.ToString() ?? string.Empty, StatusText.Of(record.Status), ListingText.Count(record.RunCount),
                    ListingText.Count(record.SolveCount), ListingText.Time(record.UpdatedAt), ListingText.ShortDigest(record.ManifestDigest), record.ImageName, ResumeText(record, superseded, ref resumable));
            }

            console.Table(table);
            if (resumable > 0)
            {
                console.Line($"resume one (RESUME yes) from its test project: {ResumePlanner.Command("<IMAGE>")} (without OmmxResumeFrom: the project's newest)");
            }

            return ExitCode.Ok;
        });
    }

    /// <summary><c>yes</c> for a failed or interrupted checkpoint nothing has resumed yet, <c>resumed</c> for one something did, else <c>-</c>.</summary>
    private static string ResumeText(ExperimentRecord record, HashSet<Oci.Digest> superseded, ref int resumable)
    {
        if (record.Status is not (ExperimentStatus.Failed or ExperimentStatus.Interrupted))
        {
            return "-";
        }

        if (superseded.Contains(record.ManifestDigest))
        {
            return "resumed";
        }

        resumable++;
        return "yes";
    }
}
