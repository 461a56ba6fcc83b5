using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Ommx.Integration.Model;

/// <summary>A read-only id → value map over two arrays sorted by id (cheap to build, binary-searched).</summary>
internal sealed class IdValueMap : IReadOnlyDictionary<ulong, double>
{
    private readonly ulong[] _ids;
    private readonly double[] _values;

    /// <param name="sortedIds">Ascending, distinct; not copied.</param>
    /// <param name="values">Aligned with <paramref name="sortedIds"/>; not copied.</param>
    public IdValueMap(ulong[] sortedIds, double[] values)
    {
        _ids = sortedIds;
        _values = values;
    }

    public static IdValueMap Empty { get; } = new([], []);

    public int Count => _ids.Length;

    public IEnumerable<ulong> Keys => _ids;

    public IEnumerable<double> Values => _values;

    public double this[ulong key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No value for id {key}");

    /// <summary>Copies and sorts <paramref name="entries"/>; a repeated id keeps its last value.</summary>
    public static IdValueMap From(IEnumerable<KeyValuePair<ulong, double>> entries)
    {
        var map = new SortedDictionary<ulong, double>();
        foreach (var (id, value) in entries)
        {
            map[id] = value;
        }

        return new IdValueMap([.. map.Keys], [.. map.Values]);
    }

    public bool ContainsKey(ulong key) => Array.BinarySearch(_ids, key) >= 0;

    public bool TryGetValue(ulong key, [MaybeNullWhen(false)] out double value)
    {
        var index = Array.BinarySearch(_ids, key);
        if (index >= 0)
        {
            value = _values[index];
            return true;
        }

        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<ulong, double>> GetEnumerator()
    {
        for (var i = 0; i < _ids.Length; i++)
        {
            yield return new(_ids[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
