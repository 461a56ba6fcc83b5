namespace Ommx.Integration.Oci;

/// <summary>
/// An ordered JSON object for <see cref="CompactJson"/>: keys are written in insertion order
/// unless the object is serialised with sorted keys.
/// </summary>
internal sealed class JsonObjectBuilder : List<KeyValuePair<string, object?>>
{
    public JsonObjectBuilder Add(string key, object? value)
    {
        Add(new KeyValuePair<string, object?>(key, value));
        return this;
    }

    public static JsonObjectBuilder FromStrings(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var obj = new JsonObjectBuilder();
        foreach (var (k, v) in pairs)
        {
            obj.Add(k, v);
        }

        return obj;
    }
}
