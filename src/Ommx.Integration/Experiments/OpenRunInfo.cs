using System.Text.Json;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>A Run that was open when the journal was last written: its id and label.</summary>
public sealed record OpenRunInfo(ulong RunId, string? Label)
{
    internal static string ToJson(IEnumerable<OpenRunInfo> runs) => System.Text.Encoding.UTF8.GetString(
        CompactJson.Serialize(runs.Select(r => new JsonObjectBuilder().Add("run_id", r.RunId).Add("label", r.Label)).ToList(), sortKeys: false));

    internal static IEnumerable<OpenRunInfo> FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(e => new OpenRunInfo(e.GetProperty("run_id").GetUInt64(), e.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null))
            .ToList();
    }
}
