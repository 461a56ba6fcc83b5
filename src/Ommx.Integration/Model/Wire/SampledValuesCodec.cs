using Ommx.Integration.Model.Protos.V1;

namespace Ommx.Integration.Model.Wire;

/// <summary><c>ommx.v1.SampledValues</c> (value → sample ids, any grouping) ⇄ sample id → value.</summary>
internal static class SampledValuesCodec
{
    public static IdValueMap Read(SampledValues? proto, string context)
    {
        if (proto is null)
        {
            throw new ModelFormatException($"{context} has no sampled values");
        }

        var entries = new SortedDictionary<ulong, double>();
        foreach (var entry in proto.Entries)
        {
            foreach (var id in entry.Ids)
            {
                if (!entries.TryAdd(id, entry.Value))
                {
                    throw new ModelFormatException($"{context} gives sample {id} more than one value");
                }
            }
        }

        return new IdValueMap([.. entries.Keys], [.. entries.Values]);
    }

    /// <summary>Groups equal values (bit for bit), in order of first appearance over ascending sample ids.</summary>
    public static SampledValues Write(IReadOnlyDictionary<ulong, double> values)
    {
        var proto = new SampledValues();
        var groups = new Dictionary<long, SampledValues.Types.SampledValuesEntry>();
        foreach (var (id, value) in values.OrderBy(p => p.Key))
        {
            var bits = BitConverter.DoubleToInt64Bits(value);
            if (!groups.TryGetValue(bits, out var entry))
            {
                entry = new SampledValues.Types.SampledValuesEntry { Value = value };
                groups.Add(bits, entry);
                proto.Entries.Add(entry);
            }

            entry.Ids.Add(id);
        }

        return proto;
    }

    /// <summary>Throws unless <paramref name="ids"/> is exactly the sample-id set.</summary>
    public static void CheckSameIds(IEnumerable<ulong> ids, IReadOnlySet<ulong> sampleIds, string context)
    {
        var set = ids.ToHashSet();
        if (set.Count != sampleIds.Count || !sampleIds.All(set.Contains))
        {
            var missing = sampleIds.Where(id => !set.Contains(id)).Take(5).ToList();
            var extra = set.Where(id => !sampleIds.Contains(id)).Order().Take(5).ToList();
            throw new ModelFormatException(
                $"{context} does not cover exactly the objectives' sample ids (missing: [{string.Join(", ", missing)}], extra: [{string.Join(", ", extra)}])");
        }
    }
}
