using System.Globalization;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx cat</c>: writes the bytes of one attachment of an Experiment (or, with <c>--run</c>, of one of its
/// Runs) to standard output, exactly as logged (zstd-compressed attachments are decompressed). A wrong name
/// is an error that lists the names that exist there, and the Runs that have that name.
/// </summary>
internal sealed class CatCommand
{
    private static readonly ExperimentStatus[] AnyStatus =
        [ExperimentStatus.Finished, ExperimentStatus.Draft, ExperimentStatus.Failed, ExperimentStatus.Interrupted];

    private readonly CommandConsole console;
    private readonly Stream output;

    /// <param name="console">Where errors go.</param>
    /// <param name="output">Where the attachment's bytes go (standard output), written raw.</param>
    public CatCommand(CommandConsole console, Stream output)
    {
        this.console = console ?? throw new ArgumentNullException(nameof(console));
        this.output = output ?? throw new ArgumentNullException(nameof(output));
    }

    public ExitCode Run(CatCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var image = CommandInput.Image(options.Image);
            byte[] bytes;
            using (var registry = LocalRegistry.Open(options.Root, RegistryAccess.Read))
            {
                var row = registry.FindRef(image) ?? throw new ArtifactNotFoundException($"Artifact not found in the Local Registry: {image}");
                var stored = registry.ReadManifest(RefRows.ToDigest(row));
                if (stored.Manifest.ArtifactType != MediaTypes.OmmxExperiment)
                {
                    throw new OmmxException(
                        $"{image} is an {stored.Manifest.ArtifactType ?? "untyped"} artifact, not an Experiment; `ommx cat` reads Experiment and Run attachments (see `ommx inspect {image}` for its layers)");
                }

                var content = ExperimentArtifactReader.Read(registry, stored, AnyStatus).Content;
                var attachment = Find(content, image, options.Attachment, options.Run);
                bytes = AttachmentScope.Read(registry, attachment);
            }

            output.Write(bytes);
            output.Flush();
            return ExitCode.Ok;
        });
    }

    private static Attachment Find(ExperimentContent content, ImageReference image, string name, ulong? runId)
    {
        IReadOnlyDictionary<string, Attachment> attachments;
        string where;
        if (runId is { } id)
        {
            if (!content.Runs.TryGetValue(id, out var run))
            {
                var runs = content.Runs.Count == 0 ? "it has no Runs" : "its Runs: " + string.Join(", ", content.Runs.Keys);
                throw new OmmxException($"Run {id} not found in Experiment {image}; {runs}");
            }

            attachments = run.Attachments;
            where = $"Run {id} of Experiment {image}";
        }
        else
        {
            attachments = content.Attachments;
            where = $"Experiment {image}";
        }

        if (attachments.TryGetValue(name, out var attachment))
        {
            return attachment;
        }

        var names = attachments.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
        var existing = names.Count == 0 ? "it has no attachments" : "its attachments: " + string.Join(", ", names.Select(n => $"`{n}`"));
        var message = $"Attachment `{name}` not found in {where}; {existing}.{NameSuggestions.DidYouMean(name, names)}";
        var runsWithName = content.Runs.Values.Where(r => r.Attachments.ContainsKey(name)).Select(r => r.Id).ToList();
        if (runId is null && runsWithName.Count > 0)
        {
            message += $" Run(s) {string.Join(", ", runsWithName)} have `{name}`: add --run {runsWithName[0].ToString(CultureInfo.InvariantCulture)}.";
        }
        else if (runId is not null && content.Attachments.ContainsKey(name))
        {
            message += $" The Experiment itself has `{name}`: leave out --run.";
        }

        throw new OmmxException(message);
    }
}
