using System.Text.Json;
using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// What <c>ommx push</c> and <c>ommx pull</c> share: open the registry, move one image with a progress
/// display, then print either the JSON object (image, digest, the command's counts, seconds) or the
/// command's status lines.
/// </summary>
internal static class TransferCommandRunner
{
    public static ExitCode Run<TResult>(
        CommandConsole console,
        TransferOptions options,
        string activity,
        Func<LocalRegistry, ImageReference, RemoteOptions, TResult> transfer,
        Func<TResult, Digest> manifestDigest,
        Action<Utf8JsonWriter, TResult> writeCounts,
        Action<ImageReference, TResult, CommandTransferProgress> writeStatus,
        Func<RemoteOptions, RemoteOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var image = CommandInput.Image(options.Image);
            using var registry = LocalRegistry.Open(options.Root);
            using var progress = new CommandTransferProgress(console.Renderer, activity + " " + image);
            var result = transfer(registry, image, configure(new RemoteOptions { Insecure = options.Insecure, Progress = progress }));
            progress.Dispose();
            if (options.Json)
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("image_name", image.ToString());
                    w.WriteString("manifest_digest", manifestDigest(result).ToString());
                    writeCounts(w, result);
                    w.WriteNumber("seconds", Math.Round(progress.Elapsed.TotalSeconds, 3));
                    w.WriteEndObject();
                });
            }
            else
            {
                writeStatus(image, result, progress);
            }

            return ExitCode.Ok;
        });
    }
}
