using Ommx.Integration.Distribution;

namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx push</c>: sends one local ref to the OCI registry its name points at.</summary>
internal sealed class PushCommand
{
    private readonly CommandConsole console;
    private readonly Func<RemoteOptions, RemoteOptions> configure;

    /// <param name="console">Where output goes.</param>
    /// <param name="configure">Adjusts the transport settings built from the options (tests inject credentials or faults).</param>
    public PushCommand(CommandConsole console, Func<RemoteOptions, RemoteOptions>? configure = null)
    {
        this.console = console ?? throw new ArgumentNullException(nameof(console));
        this.configure = configure ?? (o => o);
    }

    public ExitCode Run(TransferOptions options) => TransferCommandRunner.Run(
        console,
        options,
        "Pushing",
        (registry, image, remote) => registry.Push(image, remote),
        result => result.ManifestDigest,
        (w, result) =>
        {
            w.WriteNumber("blobs_uploaded", result.BlobsUploaded);
            w.WriteNumber("bytes_uploaded", result.BytesUploaded);
            w.WriteNumber("blobs_already_present", result.BlobsAlreadyPresent);
            w.WriteNumber("blobs_mounted", result.BlobsMounted);
            w.WriteNumber("manifests_pushed", result.ManifestsPushed);
        },
        (image, result, progress) =>
        {
            console.Status("Pushed", image.ToString(), StatusTone.Good);
            console.Status("Digest", result.ManifestDigest.ToString());
            console.Status("Blobs", $"{result.BlobsUploaded} uploaded, {result.BlobsAlreadyPresent} already there, {result.BlobsMounted} mounted");
            console.Status("Transfer", progress.Summary());
        },
        configure);
}
