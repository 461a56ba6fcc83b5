using System.Text.Json;

namespace Ommx.Integration.Oci;

/// <summary>
/// An OCI image manifest as OMMX uses it: <c>schemaVersion</c> 2, an <c>artifactType</c>, a config
/// descriptor, ordered layers, an optional <c>subject</c> and optional annotations.
/// Specification: https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md
/// </summary>
internal sealed class ImageManifest
{
    public ImageManifest(string? artifactType, Descriptor config, IReadOnlyList<Descriptor> layers)
    {
        ArtifactType = artifactType;
        Config = config;
        Layers = layers;
    }

    public int SchemaVersion { get; init; } = 2;

    /// <summary>Top-level <c>mediaType</c>; OMMX omits it.</summary>
    public string? MediaType { get; init; }

    public string? ArtifactType { get; }

    public Descriptor Config { get; }

    public IReadOnlyList<Descriptor> Layers { get; }

    public Descriptor? Subject { get; init; }

    /// <summary>Manifest annotations; <c>null</c> when absent.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>
    /// Parses manifest bytes. Requires <c>schemaVersion</c>, <c>config</c> and <c>layers</c> (what an
    /// OCI parser requires); the artifact type is not checked here.
    /// </summary>
    public static ImageManifest Parse(ReadOnlyMemory<byte> json)
    {
        using var doc = OciJson.ParseDocument(json, "Manifest");
        var root = doc.RootElement;
        if (!root.TryGetProperty("schemaVersion", out var sv) || sv.ValueKind != JsonValueKind.Number
            || !sv.TryGetInt32(out var schemaVersion))
        {
            throw new ManifestFormatException("Manifest is missing the integer field `schemaVersion`");
        }

        if (!root.TryGetProperty("config", out var configElement))
        {
            throw new ManifestFormatException("Manifest is missing the field `config`");
        }

        var config = OciJson.ReadDescriptor(configElement, "Manifest config");
        if (!root.TryGetProperty("layers", out var layersElement) || layersElement.ValueKind != JsonValueKind.Array)
        {
            throw new ManifestFormatException("Manifest is missing the array field `layers`");
        }

        var layers = new List<Descriptor>();
        var i = 0;
        foreach (var layer in layersElement.EnumerateArray())
        {
            layers.Add(OciJson.ReadDescriptor(layer, $"Manifest layer {i++}"));
        }

        Descriptor? subject = null;
        if (root.TryGetProperty("subject", out var subjectElement) && subjectElement.ValueKind != JsonValueKind.Null)
        {
            subject = OciJson.ReadDescriptor(subjectElement, "Manifest subject");
        }

        return new ImageManifest(OciJson.OptionalString(root, "artifactType", "Manifest"), config, layers)
        {
            SchemaVersion = schemaVersion,
            MediaType = OciJson.OptionalString(root, "mediaType", "Manifest"),
            Subject = subject,
            Annotations = OciJson.OptionalStringMap(root, "annotations", "Manifest"),
        };
    }

    /// <summary>
    /// Parses and additionally requires an OMMX artifact type and, if present, the image-manifest media type.
    /// </summary>
    public static ImageManifest ParseOmmx(ReadOnlyMemory<byte> json)
    {
        var manifest = Parse(json);
        if (manifest.MediaType is not null && manifest.MediaType != MediaTypes.ImageManifest)
        {
            throw new ManifestFormatException(
                $"Manifest media type is {manifest.MediaType}, expected {MediaTypes.ImageManifest}");
        }

        if (!MediaTypes.IsOmmxArtifactType(manifest.ArtifactType))
        {
            throw new ManifestFormatException(
                $"Not an OMMX artifact: artifactType is {manifest.ArtifactType ?? "(absent)"}, expected "
                + $"{MediaTypes.OmmxArtifact} or {MediaTypes.OmmxExperiment}");
        }

        return manifest;
    }

    /// <summary>
    /// The canonical bytes OMMX writes for a manifest it creates: compact JSON with every object's keys
    /// sorted; <c>mediaType</c> only if set; <c>annotations</c> only if non-empty.
    /// </summary>
    public byte[] ToCanonicalJson()
    {
        var obj = new JsonObjectBuilder().Add("schemaVersion", SchemaVersion);
        if (MediaType is not null)
        {
            obj.Add("mediaType", MediaType);
        }

        if (ArtifactType is not null)
        {
            obj.Add("artifactType", ArtifactType);
        }

        obj.Add("config", OciJson.DescriptorJson(Config));
        obj.Add("layers", Layers.Select(OciJson.DescriptorJson).ToList());
        if (Subject is not null)
        {
            obj.Add("subject", OciJson.DescriptorJson(Subject));
        }

        if (Annotations is { Count: > 0 })
        {
            obj.Add("annotations", JsonObjectBuilder.FromStrings(Annotations));
        }

        return CompactJson.Serialize(obj, sortKeys: true);
    }

    /// <summary>Config first, then every layer, in manifest order (duplicates kept).</summary>
    public IEnumerable<Descriptor> Blobs()
    {
        yield return Config;
        foreach (var layer in Layers)
        {
            yield return layer;
        }
    }
}
