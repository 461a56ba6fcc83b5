using System.Text.Json;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry;

/// <summary>The first line of a Run journal: the requested name and the checkpoint it continues, if any.</summary>
public sealed record JournalHeader(string Requested, Digest? Base, long? BaseSize)
{
    public string ToJson() => System.Text.Encoding.UTF8.GetString(CompactJson.Serialize(
        new JsonObjectBuilder().Add("journal", 1).Add("requested", Requested).Add("base", Base?.ToString()).Add("base_size", BaseSize), sortKeys: false));

    public static bool TryParse(string line, out JournalHeader header)
    {
        header = null!;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("journal", out _))
            {
                return false;
            }

            Digest? baseDigest = root.TryGetProperty("base", out var b) && Digest.TryParse(b.GetString(), out var d) ? d : null;
            long? size = root.TryGetProperty("base_size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
            header = new JournalHeader(root.GetProperty("requested").GetString() ?? string.Empty, baseDigest, size);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
