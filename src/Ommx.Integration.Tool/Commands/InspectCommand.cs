using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Inspection;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx inspect</c>: one Experiment (status, annotations, attachments, run-parameter table), one Run
/// with its Solves (<c>--run</c>), or, for any other artifact, its manifest (config, layers, annotations).
/// Checkpoints are inspected under their checkpoint ref name (see <c>ommx checkpoints</c>).
/// </summary>
internal sealed partial class InspectCommand
{
    private readonly CommandConsole console;

    public InspectCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(InspectCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var image = CommandInput.Image(options.Image);
            using var registry = LocalRegistry.Open(options.Root, RegistryAccess.Read);
            var view = ArtifactInspector.Inspect(registry, image);
            var experiment = view.Experiment;
            if (experiment is null && options.Run is not null)
            {
                throw new CommandUsageException($"--run applies to Experiments; {image} is an {view.Stored.Manifest.ArtifactType} artifact");
            }

            if (options.Columns is not null && (experiment is null || options.Run is not null || options.Json))
            {
                throw new CommandUsageException("--columns chooses the run-parameter columns of an Experiment overview; leave out --run and --json");
            }

            var run = options.Run is { } runId ? view.FindRun(runId) : null;
            if (options.Json)
            {
                WriteJson(view, run);
            }
            else if (run is not null)
            {
                WriteRun(view, run);
            }
            else if (experiment is not null)
            {
                WriteExperiment(view, experiment, options);
            }
            else
            {
                WriteArtifact(view);
            }

            return ExitCode.Ok;
        });
    }

    private void WriteHeader(ArtifactView view)
    {
        console.Status("Image", view.Image.ToString());
        console.Status("Digest", view.Stored.Digest.ToString());
        console.Status("Type", view.Stored.Manifest.ArtifactType ?? "(none)");
        console.Status("Updated", view.Row.UpdatedAt);
        if (view.Stored.Manifest.Subject is { } subject)
        {
            console.Status("Subject", subject.Digest.ToString());
        }
    }

    private void WriteAnnotations(IEnumerable<KeyValuePair<string, string>> annotations)
    {
        var list = annotations.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        console.Status("Annotations", ListingText.Count(list.Count));
        foreach (var (key, value) in list)
        {
            console.Detail($"{key}={value}");
        }
    }

    private void WriteAttachments(IReadOnlyDictionary<string, Attachment> attachments)
    {
        console.Status("Attachments", ListingText.Count(attachments.Count));
        if (attachments.Count == 0)
        {
            return;
        }

        var table = new CommandTable(("NAME", ColumnAlignment.Left), ("MEDIA TYPE", ColumnAlignment.Left), ("SIZE", ColumnAlignment.Right), ("FILENAME", ColumnAlignment.Left))
        {
            Indent = 2,
        };
        foreach (var (name, attachment) in attachments.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.Add(name, attachment.MediaType, ByteSize.Format(attachment.Stored.Size), attachment.Filename ?? string.Empty);
        }

        console.Table(table);
    }

    private static string StatusWithReason(string status, string? reason) => reason is null ? status : $"{status} ({reason})";
}
