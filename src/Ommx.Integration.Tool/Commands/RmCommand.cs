using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx rm</c>: removes one ref (blobs stay until GC) and prints the <c>restore-ref</c> line that undoes
/// it. A missing ref is not an error (<c>Not Found</c>, exit 0), as in OMMX.
/// </summary>
internal sealed class RmCommand
{
    private readonly CommandConsole console;

    public RmCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(RmCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var image = CommandInput.Image(options.Image);
            using var registry = LocalRegistry.Open(options.Root, RegistryAccess.Delete);
            var removed = registry.Remove(image);
            var rollback = removed is null ? null : RollbackCommand.For(image.ToString(), removed.ManifestDigest, options.Root);
            if (options.Json)
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("image_name", image.ToString());
                    w.WriteBoolean("removed", removed is not null);
                    w.WriteStringOrNull("manifest_digest", removed?.ManifestDigest);
                    w.WriteStringOrNull("rollback", rollback);
                    w.WriteEndObject();
                });
                return ExitCode.Ok;
            }

            if (removed is null)
            {
                console.Status("Not Found", image.ToString(), StatusTone.Warning);
                return ExitCode.Ok;
            }

            console.Status("Removed", image.ToString(), StatusTone.Good);
            console.Status("Rollback", rollback!);
            console.Status("Storage", "Unreferenced data remains until a later `ommx gc --delete` removes it after the grace period.");
            return ExitCode.Ok;
        });
    }
}
