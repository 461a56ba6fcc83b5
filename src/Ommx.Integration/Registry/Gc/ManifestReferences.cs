using System.Text.Json;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// The digests a manifest references (config, layers, subject), read without building descriptor
/// objects: GC reads thousands of manifests and needs nothing else. Requires what an OCI manifest
/// parser requires (<c>schemaVersion</c>, <c>config</c>, <c>layers</c>, valid digests).
/// </summary>
internal static class ManifestReferences
{
    public static bool TryRead(byte[] json, out Digest config, out List<Digest> layers, out Digest? subject)
    {
        config = default;
        layers = [];
        subject = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schemaVersion", out var sv) || sv.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("config", out var configElement) || !TryDigest(configElement, out config)
                || !root.TryGetProperty("layers", out var layersElement) || layersElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var layer in layersElement.EnumerateArray())
            {
                if (!TryDigest(layer, out var digest))
                {
                    return false;
                }

                layers.Add(digest);
            }

            if (root.TryGetProperty("subject", out var subjectElement) && subjectElement.ValueKind != JsonValueKind.Null)
            {
                if (!TryDigest(subjectElement, out var s))
                {
                    return false;
                }

                subject = s;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryDigest(JsonElement descriptor, out Digest digest)
    {
        digest = default;
        return descriptor.ValueKind == JsonValueKind.Object
            && descriptor.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String
            && descriptor.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number
            && descriptor.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String
            && Digest.TryParse(d.GetString(), out digest);
    }
}
