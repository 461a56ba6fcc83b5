using System.Text.Json;

namespace Ommx.Integration.Oci;

/// <summary>Reading helpers for OCI JSON documents, with errors that name the missing field.</summary>
internal static class OciJson
{
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> json, string what)
    {
        try
        {
            var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new ManifestFormatException($"{what} is not a JSON object");
            }

            if (UndecodableString(doc.RootElement) is { } path)
            {
                doc.Dispose();
                throw new ManifestFormatException(
                    $"{what} holds a string that is not valid Unicode at {path} (invalid UTF-8 bytes or a lone surrogate escape such as \\ud800)");
            }

            return doc;
        }
        catch (JsonException e)
        {
            throw new ManifestFormatException($"{what} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// The JSON path of the first string or property name that cannot be decoded (invalid UTF-8 bytes, which
    /// the parser lets through, or a lone surrogate escape), or <c>null</c> when every string decodes. Checked
    /// once at parse time so later reads never throw.
    /// </summary>
    public static string? UndecodableString(JsonElement element, string path = "$")
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (UndecodableString(item, $"{path}[{i++}]") is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case JsonValueKind.Object:
                    var n = 0;
                    foreach (var property in element.EnumerateObject())
                    {
                        string name;
                        try
                        {
                            name = property.Name;
                        }
                        catch (InvalidOperationException)
                        {
                            return $"{path} (property {n})";
                        }

                        n++;
                        if (UndecodableString(property.Value, $"{path}.{name}") is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return path;
        }
    }

    public static Descriptor ReadDescriptor(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestFormatException($"{where} is not a JSON object");
        }

        var mediaType = RequiredString(element, "mediaType", where);
        var digestText = RequiredString(element, "digest", where);
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw new ManifestFormatException($"{where} has an invalid digest \"{digestText}\"");
        }

        if (!element.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            throw new ManifestFormatException($"{where} is missing a non-negative integer `size`");
        }

        return new Descriptor(mediaType, digest, size)
        {
            Annotations = OptionalStringMap(element, "annotations", where),
            ArtifactType = OptionalString(element, "artifactType", where),
        };
    }

    public static string RequiredString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new ManifestFormatException($"{where} is missing the string field `{name}`");
        }

        return value.GetString()!;
    }

    public static string? OptionalString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ManifestFormatException($"{where} field `{name}` is not a string");
        }

        return value.GetString();
    }

    public static IReadOnlyDictionary<string, string>? OptionalStringMap(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestFormatException($"{where} field `{name}` is not a JSON object");
        }

        var map = new SortedDictionary<string, string>(Utf8OrdinalComparer.Instance);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new ManifestFormatException($"{where} annotation `{property.Name}` is not a string");
            }

            map[property.Name] = property.Value.GetString()!;
        }

        return map;
    }

    public static JsonObjectBuilder DescriptorJson(Descriptor d)
    {
        var obj = new JsonObjectBuilder()
            .Add("mediaType", d.MediaType)
            .Add("digest", d.Digest.ToString())
            .Add("size", d.Size);
        if (d.ArtifactType is not null)
        {
            obj.Add("artifactType", d.ArtifactType);
        }

        if (d.Annotations is not null)
        {
            obj.Add("annotations", JsonObjectBuilder.FromStrings(d.Annotations));
        }

        return obj;
    }
}
