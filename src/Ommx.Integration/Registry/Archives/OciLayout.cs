using System.Text.Json;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Archives;

/// <summary>The two metadata files of an OCI image layout, as OMMX writes and reads them.</summary>
internal static class OciLayout
{
    public const string LayoutFileName = "oci-layout";
    public const string IndexFileName = "index.json";
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public static byte[] LayoutBytes => "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray();

    /// <summary><c>index.json</c> with one manifest descriptor named by the ref-name annotation (serde struct order).</summary>
    public static byte[] IndexBytes(Descriptor manifest, ImageReference image)
    {
        var descriptor = new JsonObjectBuilder()
            .Add("mediaType", MediaTypes.ImageManifest)
            .Add("digest", manifest.Digest.ToString())
            .Add("size", manifest.Size)
            .Add("annotations", new JsonObjectBuilder().Add(RefNameAnnotation, image.ToString()));
        var index = new JsonObjectBuilder()
            .Add("schemaVersion", 2)
            .Add("mediaType", MediaTypes.ImageIndex)
            .Add("manifests", new[] { descriptor });
        return CompactJson.Serialize(index, sortKeys: false);
    }

    public static void CheckLayout(byte[] bytes, string where)
    {
        using var doc = OciJson.ParseDocument(bytes, $"{where} {LayoutFileName}");
        var version = OciJson.OptionalString(doc.RootElement, "imageLayoutVersion", LayoutFileName);
        if (version != "1.0.0")
        {
            throw new ArchiveFormatException($"{where}: unsupported {LayoutFileName} imageLayoutVersion \"{version}\"; expected \"1.0.0\"");
        }
    }

    /// <summary>The single manifest descriptor of an <c>index.json</c>.</summary>
    public static Descriptor SingleManifest(byte[] bytes, string where)
    {
        using var doc = OciJson.ParseDocument(bytes, $"{where} {IndexFileName}");
        if (!doc.RootElement.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            throw new ArchiveFormatException($"{where}: {IndexFileName} has no `manifests` array");
        }

        if (manifests.GetArrayLength() != 1)
        {
            throw new ArchiveFormatException($"OMMX OCI archive must contain exactly one manifest in index.json: {where}");
        }

        return OciJson.ReadDescriptor(manifests[0], $"{where} {IndexFileName} manifests[0]");
    }
}
