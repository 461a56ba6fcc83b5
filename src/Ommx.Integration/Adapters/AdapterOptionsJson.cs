using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ommx.Integration.Adapters;

/// <summary>
/// Adapter options as the JSON object a Solve or Sampling stores: property names in snake_case, unset
/// (null) options left out, NaN and infinities as OMMX's Python writer spells them.
/// </summary>
internal static class AdapterOptionsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The options (by their runtime type, so derived records keep their own options) as a JSON object.</summary>
    /// <exception cref="ArgumentException">The options cannot be written as a JSON object.</exception>
    public static JsonObject ToJsonObject(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonNode? node;
        try
        {
            node = JsonSerializer.SerializeToNode(options, options.GetType(), Options);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException($"Adapter options must be JSON-serializable: {e.Message}", nameof(options), e);
        }

        return node as JsonObject ?? throw new ArgumentException($"Adapter options must serialize to a JSON object, not {node?.GetValueKind().ToString() ?? "null"}", nameof(options));
    }

    public static string Serialize(object options) => ToJsonObject(options).ToJsonString(Options);

    /// <summary>Reads stored options back into <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The text is not a JSON object of <typeparamref name="T"/>'s shape.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Adapter options `{json}` decode to null");

    internal static string Serialize(JsonObject options) => options.ToJsonString(Options);
}
