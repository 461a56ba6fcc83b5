using Ommx.Integration.Experiments.Format;

namespace Ommx.Integration.Experiments;

/// <summary>
/// The diagnostics layer of a Solve or Sampling: exactly one MessagePack array (OMMX's rule), here of maps
/// with string keys. This library writes one map per record: <c>raw_status</c> (the solver's status) for a
/// finished call, <c>reason</c> (the failure, as a lifecycle reason) and, when known, <c>raw_status</c> for a
/// failed one. OMMX's Python SDK reads them back as a list of dicts.
/// </summary>
internal static class SolveDiagnostics
{
    public const string ReasonKey = "reason";
    public const string RawStatusKey = "raw_status";

    public static byte[] Encode(IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> entries)
    {
        var writer = new MessagePackWriter();
        writer.WriteArrayHeader(entries.Count);
        foreach (var entry in entries)
        {
            writer.WriteMapHeader(entry.Count);
            foreach (var (key, value) in entry)
            {
                writer.WriteString(key);
                writer.WriteString(value);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Decodes the layer as OMMX checks it: one MessagePack value, and that value an array.</summary>
    /// <exception cref="ExperimentFormatException">Invalid MessagePack, not an array, or trailing bytes.</exception>
    public static IReadOnlyList<object?> Decode(byte[] bytes, string what)
    {
        object? value;
        var reader = new MessagePackReader(bytes);
        try
        {
            value = reader.ReadValue();
        }
        catch (InvalidDataException e)
        {
            throw new ExperimentFormatException($"{what} diagnostic payload must be valid MessagePack: {e.Message}", e);
        }

        if (!reader.End)
        {
            throw new ExperimentFormatException($"{what} diagnostic payload must contain exactly one MessagePack value");
        }

        return value as object?[] ?? throw new ExperimentFormatException($"{what} diagnostic payload must decode to a MessagePack array");
    }

    /// <summary>The first <c>reason</c> string in the entries, if any.</summary>
    public static string? Find(IReadOnlyList<object?> entries, string key)
    {
        foreach (var entry in entries)
        {
            if (entry is KeyValuePair<object?, object?>[] map)
            {
                foreach (var (k, v) in map)
                {
                    if (k is string s && s == key && v is string text)
                    {
                        return text;
                    }
                }
            }
        }

        return null;
    }
}
