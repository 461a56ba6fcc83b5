using System.Formats.Tar;
using System.Text;
using Ommx.Integration.Oci;

namespace Ommx.Integration.TestUtilities;

/// <summary>Builds tar files entry by entry, including malformed ones, with the framework's own tar writer.</summary>
public sealed class TarBuilder
{
    private readonly List<(string Name, TarEntryType Type, byte[] Data, string? Link)> entries = [];

    public TarBuilder File(string name, byte[] data)
    {
        entries.Add((name, TarEntryType.RegularFile, data, null));
        return this;
    }

    public TarBuilder File(string name, string text) => File(name, Encoding.UTF8.GetBytes(text));

    public TarBuilder Blob(byte[] data) => File($"blobs/sha256/{Digest.Compute(data).Hex}", data);

    public TarBuilder Link(string name, TarEntryType type, string target)
    {
        entries.Add((name, type, [], target));
        return this;
    }

    public void WriteTo(string path)
    {
        using var stream = System.IO.File.Create(path);
        using var writer = new TarWriter(stream, TarEntryFormat.Ustar);
        foreach (var (name, type, data, link) in entries)
        {
            var entry = new UstarTarEntry(type, name);
            if (link is not null)
            {
                entry.LinkName = link;
            }
            else
            {
                entry.DataStream = new MemoryStream(data);
            }

            writer.WriteEntry(entry);
        }
    }

    /// <summary>A valid OMMX artifact archive: empty config, one layer, optional ref name.</summary>
    public static (TarBuilder Builder, byte[] Manifest) Artifact(byte[] layer, string? refName, bool layout = true)
    {
        var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2),
            [Descriptor.ForBytes(MediaTypes.InstanceV1, layer) with { Annotations = new Dictionary<string, string>() }]).ToCanonicalJson();
        var builder = new TarBuilder();
        if (layout)
        {
            builder.File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
        }

        builder.Blob(manifest).Blob("{}"u8.ToArray()).Blob(layer).File("index.json", Index(manifest, refName));
        return (builder, manifest);
    }

    public static string Index(byte[] manifest, string? refName, string mediaType = MediaTypes.ImageManifest, long? size = null)
    {
        var annotations = refName is null ? "{}" : $"{{\"org.opencontainers.image.ref.name\":\"{refName}\"}}";
        return $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"{mediaType}\",\"digest\":\"{Digest.Compute(manifest)}\",\"size\":{size ?? manifest.Length},\"annotations\":{annotations}}}]}}";
    }
}
