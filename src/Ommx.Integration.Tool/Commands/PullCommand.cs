using Ommx.Integration.Distribution;

namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx pull</c>: fetches one image (tag or digest) into the Local Registry, verifying every blob.</summary>
internal sealed class PullCommand
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

    public ExitCode Run(TransferOptions options) => TransferCommandRunner.Run(
        console,
        options,
        "Pulling",
        (registry, image, remote) => registry.Pull(image, remote),
        result => result.ManifestDigest,
        (w, result) =>
        {
            w.WriteString("outcome", result.Outcome.ToString().ToLowerInvariant());
            w.WriteNumber("blobs_downloaded", result.BlobsDownloaded);
            w.WriteNumber("bytes_downloaded", result.BytesDownloaded);
            w.WriteNumber("blobs_already_present", result.BlobsAlreadyPresent);
            w.WriteBoolean("used_network", result.UsedNetwork);
        },
        (image, result, progress) =>
        {
            console.Status(result.UsedNetwork ? "Pulled" : "Up to date", image.ToString(), StatusTone.Good);
            console.Status("Digest", result.ManifestDigest.ToString());
            if (result.UsedNetwork)
            {
                console.Status("Blobs", $"{result.BlobsDownloaded} downloaded and verified, {result.BlobsAlreadyPresent} already local");
                console.Status("Transfer", progress.Summary());
            }
        },
        configure);
}
