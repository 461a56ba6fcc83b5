using System.Collections.Immutable;
using System.Collections.ObjectModel;
using Google.Protobuf.Collections;

namespace Ommx.Integration.Model.Wire;

/// <summary>Helpers shared by the codecs: string maps, subscripts, id-keyed maps.</summary>
internal static class Labels
{
    public static IReadOnlyDictionary<string, string> ReadMap(MapField<string, string> map) =>
        map.Count == 0 ? ImmutableDictionary<string, string>.Empty : new Dictionary<string, string>(map, StringComparer.Ordinal).AsReadOnly();

    /// <summary>
    /// Writes a string map in the dictionary's own order when that order is deterministic (insertion-ordered
    /// or sorted dictionaries, and every map this library decodes, which keep the wire order); any other
    /// dictionary (hash-ordered, e.g. immutable or frozen) is written sorted by key, so bytes never depend on hashing.
    /// </summary>
    public static void WriteMap(MapField<string, string> target, IReadOnlyDictionary<string, string> source)
    {
        IEnumerable<KeyValuePair<string, string>> ordered = source is Dictionary<string, string> or ReadOnlyDictionary<string, string> or SortedDictionary<string, string>
            ? source
            : source.OrderBy(p => p.Key, StringComparer.Ordinal);
        foreach (var (key, value) in ordered)
        {
            target.Add(key, value);
        }
    }

    public static ImmutableArray<long> ReadSubscripts(RepeatedField<long> subscripts) =>
        subscripts.Count == 0 ? [] : [.. subscripts];
}
