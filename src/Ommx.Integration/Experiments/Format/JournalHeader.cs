using System.Text.Json;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// The first line of a Run journal: the requested name, the checkpoint it continues (if any) and, for a test
/// host, the <c>dotnet test</c> session it records (so the build step finds its own host's journal).
/// </summary>
internal sealed record JournalHeader(string Requested, Digest? Base, long? BaseSize)
{
    public string? Session { get; init; }

    /// <summary>
    /// The manifest a fresh journal's Experiment names as its <c>subject</c> without continuing it (a resumed test run
    /// names the checkpoint it resumed); a journal on top of a draft names that draft as <see cref="Base"/> instead.
    /// </summary>
    public Descriptor? Subject { get; init; }

    public string ToJson()
    {
        var json = new JsonObjectBuilder().Add("journal", 1).Add("requested", Requested).Add("base", Base?.ToString()).Add("base_size", BaseSize);
        if (Session is not null)
        {
            json.Add("session", Session);
        }

        if (Subject is not null)
        {
            json.Add("subject", Subject.Digest.ToString()).Add("subject_size", Subject.Size);
        }

        return System.Text.Encoding.UTF8.GetString(CompactJson.Serialize(json, sortKeys: false));
    }

    public static bool TryParse(string line, out JournalHeader header)
    {
        header = null!;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("journal", out _)
                || !root.TryGetProperty("requested", out var requested) || requested.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            Digest? baseDigest = root.TryGetProperty("base", out var b) && b.ValueKind == JsonValueKind.String && Digest.TryParse(b.GetString(), out var d) ? d : null;
            long? size = root.TryGetProperty("base_size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : null;
            header = new JournalHeader(requested.GetString() ?? string.Empty, baseDigest, size)
            {
                Session = root.TryGetProperty("session", out var session) && session.ValueKind == JsonValueKind.String ? session.GetString() : null,
                Subject = root.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.String && Digest.TryParse(subject.GetString(), out var subjectDigest)
                    && root.TryGetProperty("subject_size", out var subjectSize) && subjectSize.ValueKind == JsonValueKind.Number && subjectSize.TryGetInt64(out var subjectBytes)
                    ? new Descriptor(MediaTypes.ImageManifest, subjectDigest, subjectBytes)
                    : null,
            };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
