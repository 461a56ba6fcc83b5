using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;

namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx export</c>: writes one ref as a <c>.ommx</c> archive; refuses to overwrite an existing file.</summary>
internal sealed class ExportCommand
{
    private readonly CommandConsole console;

    public ExportCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(ExportCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            var image = CommandInput.Image(options.Image);
            using var registry = LocalRegistry.Open(options.Root, RegistryAccess.Read);
            var manifest = OciArchiveExporter.Export(registry, image, options.Output);
            var size = new FileInfo(options.Output).Length;
            if (options.Json)
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("image_name", image.ToString());
                    w.WriteString("manifest_digest", manifest.Digest.ToString());
                    w.WriteString("path", options.Output);
                    w.WriteNumber("size", size);
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Status("Exported", image.ToString(), StatusTone.Good);
                console.Status("Digest", manifest.Digest.ToString());
                console.Status("Archive", $"{options.Output} ({ByteSize.Format(size)})");
            }

            return ExitCode.Ok;
        });
    }
}
