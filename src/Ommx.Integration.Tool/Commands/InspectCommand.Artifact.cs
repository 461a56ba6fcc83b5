using System.Globalization;
using Ommx.Integration.Inspection;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

internal sealed partial class InspectCommand
{
    private void WriteArtifact(ArtifactView view)
    {
        var manifest = view.Stored.Manifest;
        WriteHeader(view);
        console.Status("Config", $"{manifest.Config.Digest} ({manifest.Config.MediaType}, {ByteSize.Format(manifest.Config.Size)})");
        WriteAnnotations(manifest.Annotations ?? new Dictionary<string, string>());
        console.Status("Layers", ListingText.Count(manifest.Layers.Count));
        if (manifest.Layers.Count == 0)
        {
            return;
        }

        var table = new CommandTable(("#", ColumnAlignment.Right), ("MEDIA TYPE", ColumnAlignment.Left), ("SIZE", ColumnAlignment.Right), ("DIGEST", ColumnAlignment.Left)) { Indent = 2 };
        var index = 0;
        foreach (var layer in manifest.Layers)
        {
            table.Add(index++.ToString(CultureInfo.InvariantCulture), layer.MediaType, ByteSize.Format(layer.Size), layer.Digest.ToString());
        }

        console.Table(table);
    }
}
