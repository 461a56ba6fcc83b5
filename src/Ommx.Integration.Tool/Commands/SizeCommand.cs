using System.Globalization;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Maintenance;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx size</c>: manifest JSON, config, and unique layer sizes of each image, from the listing cache.
/// Stops at the first image that cannot be sized (exit 1), as OMMX does.
/// </summary>
internal sealed class SizeCommand
{
    private readonly CommandConsole console;

    public SizeCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(SizeCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            if (options.Images.Count == 0)
            {
                throw new CommandUsageException("size needs at least one image");
            }

            var images = options.Images.Select(CommandInput.Image).ToList();
            using var registry = LocalRegistry.Open(options.Root, RegistryAccess.Read);
            if (!options.Json)
            {
                foreach (var image in images)
                {
                    var size = ArtifactSize.Of(registry, image);
                    console.Status("Image", image.ToString());
                    console.Status("Size", $"{ByteSize.Format(size)} ({size.ToString(CultureInfo.InvariantCulture)} bytes)");
                }

                return ExitCode.Ok;
            }

            var sizes = images.Select(image => (Image: image, Size: ArtifactSize.Of(registry, image))).ToList();
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("images");
                foreach (var (image, size) in sizes)
                {
                    w.WriteStartObject();
                    w.WriteString("image_name", image.ToString());
                    w.WriteNumber("size", size);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCode.Ok;
        });
    }
}
