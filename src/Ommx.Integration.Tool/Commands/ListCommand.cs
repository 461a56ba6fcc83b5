using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// <c>ommx list</c>: every ref (checkpoints and non-OMMX rows included) as a canonical image string, one per
/// line, in (name, reference) order. A corrupt row aborts with OMMX's error, as <c>get_images()</c> does.
/// </summary>
internal sealed class ListCommand
{
    private readonly CommandConsole console;

    public ListCommand(CommandConsole console) => this.console = console ?? throw new ArgumentNullException(nameof(console));

    public ExitCode Run(ListCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CommandGuard.Run(console, () =>
        {
            using var registry = LocalRegistry.Open(options.Root, RegistryAccess.Read);
            var refs = registry.ListRefs().Select(r => (Ref: r, Image: RefRows.ToImage(r))).ToList();
            if (!options.Json)
            {
                foreach (var (_, image) in refs)
                {
                    console.Line(image.ToString());
                }

                return ExitCode.Ok;
            }

            JsonOutput.Write(console.Out, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("images");
                foreach (var (row, image) in refs)
                {
                    w.WriteStartObject();
                    w.WriteString("image_name", image.ToString());
                    w.WriteString("manifest_digest", row.ManifestDigest);
                    w.WriteString("updated_at", row.UpdatedAt);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCode.Ok;
        });
    }
}
