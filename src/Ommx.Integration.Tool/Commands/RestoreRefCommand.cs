using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Maintenance;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx restore-ref</c>: points a ref back at a manifest still in the store after verifying its whole
/// closure; never moves a ref that points elsewhere (exit 1 with OMMX's conflict message).
/// </summary>
internal sealed class RestoreRefCommand
{
    private readonly CommandConsole console;

    public RestoreRefCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(RestoreRefCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var image = CommandInput.Image(options.Image);
            var digest = CommandInput.ManifestDigest(options.Digest);
            using var registry = LocalRegistry.Open(options.Root);
            var result = RefRestorer.Restore(registry, image, digest);
            var inserted = result.Outcome == PublishOutcome.Inserted;
            if (options.Json)
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("image_name", image.ToString());
                    w.WriteString("manifest_digest", digest.ToString());
                    w.WriteString("outcome", inserted ? "restored" : "unchanged");
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Status(inserted ? "Restored" : "Unchanged", image.ToString(), inserted ? StatusTone.Good : StatusTone.Normal);
            }

            return ExitCode.Ok;
        });
    }
}
