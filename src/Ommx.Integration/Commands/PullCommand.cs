using Ommx.Integration.Distribution;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Commands;

/// <summary><c>ommx pull</c>: fetches one image (tag or digest) into the Local Registry, verifying every blob.</summary>
public sealed class PullCommand
{
    private readonly CommandConsole console;
    private readonly Func<RemoteOptions, RemoteOptions> configure;

    /// <param name="console">Where output goes.</param>
    /// <param name="configure">Adjusts the transport settings built from the options (tests inject credentials or faults).</param>
    public PullCommand(CommandConsole console, Func<RemoteOptions, RemoteOptions>? configure = null)
    {
        this.console = console ?? throw new ArgumentNullException(nameof(console));
        this.configure = configure ?? (o => o);
    }

    public ExitCode Run(TransferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var image = CommandInput.Image(options.Image);
            using var registry = LocalRegistry.Open(options.Root);
            using var progress = new CommandTransferProgress(console.Renderer, "Pulling " + image);
            var result = registry.Pull(image, configure(new RemoteOptions { Insecure = options.Insecure, Progress = progress }));
            progress.Dispose();
            if (options.Json)
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("image_name", image.ToString());
                    w.WriteString("manifest_digest", result.ManifestDigest.ToString());
                    w.WriteString("outcome", result.Outcome.ToString().ToLowerInvariant());
                    w.WriteNumber("blobs_downloaded", result.BlobsDownloaded);
                    w.WriteNumber("bytes_downloaded", result.BytesDownloaded);
                    w.WriteNumber("blobs_already_present", result.BlobsAlreadyPresent);
                    w.WriteBoolean("used_network", result.UsedNetwork);
                    w.WriteNumber("seconds", Math.Round(progress.Elapsed.TotalSeconds, 3));
                    w.WriteEndObject();
                });
            }
            else
            {
                var label = result.UsedNetwork ? "Pulled" : "Up to date";
                console.Status(label, image.ToString(), StatusTone.Good);
                console.Status("Digest", result.ManifestDigest.ToString());
                if (result.UsedNetwork)
                {
                    console.Status("Blobs", $"{result.BlobsDownloaded} downloaded and verified, {result.BlobsAlreadyPresent} already local");
                    console.Status("Transfer", progress.Summary());
                }
            }

            return ExitCode.Ok;
        });
    }
}
