using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Maintenance;

namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx prune-anonymous</c>: lists (or removes) anonymous refs; every removal prints its rollback line.</summary>
internal sealed class PruneAnonymousCommand
{
    private readonly CommandConsole console;

    public PruneAnonymousCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(PruneAnonymousCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            CommandInput.DeleteMode(options.DryRun, options.Delete);
            var olderThan = options.OlderThan is null ? (TimeSpan?)null : CommandInput.Duration(options.OlderThan);
            using var registry = LocalRegistry.Open(options.Root, options.Delete ? RegistryAccess.Delete : RegistryAccess.Read);
            var report = AnonymousRefPruner.Run(registry, new PruneOptions
            {
                Delete = options.Delete,
                Experiments = options.Experiments,
                OlderThan = olderThan,
            });
            if (options.Json)
            {
                WriteJson(report, options.Root);
            }
            else
            {
                WriteHuman(report, options);
            }

            return ExitCode.Ok;
        });
    }

    private void WriteHuman(PruneReport report, PruneAnonymousCommandOptions options)
    {
        if (report.Count == 0)
        {
            console.Status("Clean", "no matching anonymous refs found", StatusTone.Good);
            return;
        }

        if (!report.DeleteApplied)
        {
            console.Status("Candidates", $"{report.Count} anonymous ref(s)");
            foreach (var anonymous in report.Refs)
            {
                console.Detail(RefLine(anonymous, options.ShowDigests));
            }

            console.Status("Dry Run", "registry unchanged; pass --delete to apply");
            return;
        }

        console.Status("Removed", $"{report.Count} anonymous ref(s)", StatusTone.Good);
        foreach (var anonymous in report.Refs)
        {
            console.Detail(RefLine(anonymous, options.ShowDigests));
            console.Status("Rollback", RollbackCommand.For(anonymous.ImageName, anonymous.Ref.ManifestDigest, options.Root));
        }
    }

    private static string RefLine(AnonymousRef anonymous, bool showDigest) =>
        showDigest ? $"{anonymous.ImageName}  ->  {anonymous.Ref.ManifestDigest}" : anonymous.ImageName;

    private void WriteJson(PruneReport report, string? root) => JsonOutput.Write(console.Out, w =>
    {
        w.WriteStartObject();
        w.WriteString("root", report.Root);
        w.WriteBoolean("delete_applied", report.DeleteApplied);
        w.WriteNumber("count", report.Count);
        w.WriteStartArray("refs");
        foreach (var anonymous in report.Refs)
        {
            w.WriteStartObject();
            w.WriteString("image_name", anonymous.ImageName);
            w.WriteString("kind", anonymous.Kind);
            w.WriteString("name", anonymous.Ref.Name);
            w.WriteString("reference", anonymous.Ref.Reference);
            w.WriteString("digest", anonymous.Ref.ManifestDigest);
            w.WriteString("updated_at", anonymous.Ref.UpdatedAt);
            w.WriteStringOrNull("rollback", report.DeleteApplied ? RollbackCommand.For(anonymous.ImageName, anonymous.Ref.ManifestDigest, root) : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
