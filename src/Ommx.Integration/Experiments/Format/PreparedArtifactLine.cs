using System.Text;
using System.Text.Json;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// The journal line a test host appends at its clean end after storing the artifact it expects the build step to
/// publish: <c>{"journal_prepared":{"manifest":"sha256:…","size":…,"status":"finished","runs":…}}</c> (a failed
/// checkpoint adds its <c>"reason"</c>). The manifest and everything it names are in the blob store but under no ref;
/// GC keeps them because this line names the manifest (its closure is marked from it). Replay ignores the line: the
/// Experiment it describes is the one the lines before it hold. The build step publishes the manifest instead of
/// replaying only when this is the journal's last line and it matches the build's own decision.
/// </summary>
internal sealed record PreparedArtifactLine(Digest Manifest, long Size, ExperimentStatus Status, string? Reason, int Runs)
{
    /// <summary>The one key of the line.</summary>
    public const string Key = "journal_prepared";

    private const string Prefix = "{\"" + Key + "\":";

    /// <summary>The newline-terminated line.</summary>
    public byte[] ToLine()
    {
        var body = new JsonObjectBuilder()
            .Add("manifest", Manifest.ToString())
            .Add("size", Size)
            .Add("status", StatusText.Of(Status));
        if (Reason is not null)
        {
            body.Add("reason", Reason);
        }

        body.Add("runs", Runs);
        var json = CompactJson.Serialize(new JsonObjectBuilder().Add(Key, body), sortKeys: false);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Whether <paramref name="line"/> (without its newline) is a prepared line at all, readable or not.</summary>
    public static bool IsPreparedLine(string line) => line.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Reads a prepared line; <c>false</c> for any other line and for a damaged one.</summary>
    public static bool TryParse(string line, out PreparedArtifactLine prepared)
    {
        prepared = null!;
        if (!IsPreparedLine(line))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty(Key, out var body) || body.ValueKind != JsonValueKind.Object
                || !body.TryGetProperty("manifest", out var manifest) || !Digest.TryParse(manifest.GetString(), out var digest)
                || !body.TryGetProperty("size", out var size) || !size.TryGetInt64(out var bytes) || bytes <= 0
                || !body.TryGetProperty("status", out var status) || status.GetString() is not ("finished" or "failed" or "interrupted")
                || !body.TryGetProperty("runs", out var runs) || !runs.TryGetInt32(out var count) || count < 0)
            {
                return false;
            }

            string? reason = null;
            if (body.TryGetProperty("reason", out var r))
            {
                reason = r.ValueKind == JsonValueKind.String ? r.GetString() : throw new FormatException("reason is not a string");
            }

            prepared = new PreparedArtifactLine(digest, bytes, StatusText.ParseExperiment(status.GetString()!), reason, count);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ExperimentFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The last complete line of the journal at <paramref name="path"/> (read from the end, not the whole file), or
    /// <c>null</c> when the file is gone, empty, or its end is a torn line.
    /// </summary>
    public static string? LastLineOf(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = stream.Length;
            if (length == 0)
            {
                return null;
            }

            // A prepared line is short (a digest and a reason of at most 512 characters); read more only if needed.
            for (var window = 4096L; ; window *= 4)
            {
                var take = (int)Math.Min(window, length);
                var buffer = new byte[take];
                stream.Position = length - take;
                stream.ReadExactly(buffer);
                if (buffer[^1] != (byte)'\n')
                {
                    return null;
                }

                var start = Array.LastIndexOf(buffer, (byte)'\n', take - 2 < 0 ? 0 : take - 2);
                if (take >= 2 && start >= 0)
                {
                    return Encoding.UTF8.GetString(buffer, start + 1, take - start - 2);
                }

                if (take == length)
                {
                    return Encoding.UTF8.GetString(buffer, 0, take - 1);
                }
            }
        }
        catch (Exception e) when (StorageErrors.IsFileError(e))
        {
            return null;
        }
    }
}
