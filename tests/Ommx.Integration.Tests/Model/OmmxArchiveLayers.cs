using System.Formats.Tar;
using System.Text.Json;

namespace Ommx.Integration.Tests.Model;

/// <summary>Reads the layers of a <c>.ommx</c> archive: index.json → manifest → layers (media type, bytes).</summary>
public static class OmmxArchiveLayers
{
    public static IReadOnlyList<(string MediaType, byte[] Bytes)> Read(string archivePath)
    {
        using var file = File.OpenRead(archivePath);
        return Read(file);
    }

    public static IReadOnlyList<(string MediaType, byte[] Bytes)> Read(Stream archive)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var reader = new TarReader(archive, leaveOpen: true))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                {
                    using var buffer = new MemoryStream();
                    data.CopyTo(buffer);
                    entries[entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name] = buffer.ToArray();
                }
            }
        }

        using var index = JsonDocument.Parse(entries["index.json"]);
        var manifestDigest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(entries[BlobPath(manifestDigest)]);
        var layers = new List<(string, byte[])>();
        foreach (var layer in manifest.RootElement.GetProperty("layers").EnumerateArray())
        {
            layers.Add((layer.GetProperty("mediaType").GetString()!, entries[BlobPath(layer.GetProperty("digest").GetString()!)]));
        }

        return layers;
    }

    public static byte[] Single(IReadOnlyList<(string MediaType, byte[] Bytes)> layers, string mediaType) =>
        layers.Single(l => l.MediaType == mediaType).Bytes;

    private static string BlobPath(string digest) => "blobs/sha256/" + digest["sha256:".Length..];
}
