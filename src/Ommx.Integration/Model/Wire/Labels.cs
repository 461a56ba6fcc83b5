using System.Collections.Immutable;
using Google.Protobuf.Collections;

namespace Ommx.Integration.Model.Wire;

/// <summary>Helpers shared by the codecs: string maps, subscripts, id-keyed maps.</summary>
internal static class Labels
{
    public static IReadOnlyDictionary<string, string> ReadMap(MapField<string, string> map) =>
        map.Count == 0 ? ImmutableDictionary<string, string>.Empty : new Dictionary<string, string>(map, StringComparer.Ordinal).AsReadOnly();

    /// <summary>Writes a string map sorted by key (ordinal), so the bytes do not depend on hashing.</summary>
    public static void WriteMap(MapField<string, string> target, IReadOnlyDictionary<string, string> source)
    {
        foreach (var (key, value) in source.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            target.Add(key, value);
        }
    }

    public static ImmutableArray<long> ReadSubscripts(RepeatedField<long> subscripts) =>
        subscripts.Count == 0 ? [] : [.. subscripts];
}
