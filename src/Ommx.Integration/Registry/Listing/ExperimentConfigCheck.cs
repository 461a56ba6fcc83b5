using System.Text.Json;

namespace Ommx.Integration.Registry.Listing;

/// <summary>The listing's check that cached Experiment config bytes are a config at all.</summary>
internal static class ExperimentConfigCheck
{
    /// <summary>Returns <c>null</c> when valid, else why not.</summary>
    public static string? Validate(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "Experiment config is not a JSON object";
            }

            if (Oci.OciJson.UndecodableString(root) is { } path)
            {
                return $"Experiment config holds a string that is not valid Unicode at {path} (invalid UTF-8 bytes or a lone surrogate escape)";
            }

            foreach (var required in new[] { "status", "attachments", "runs", "run_parameters" })
            {
                if (!root.TryGetProperty(required, out _))
                {
                    return $"Experiment config is missing `{required}`";
                }
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"Experiment config is not valid JSON: {e.Message}";
        }
    }
}
