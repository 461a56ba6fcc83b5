using Ommx.Integration.Adapters;
using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Adapters;

/// <summary>A genuine sampler adapter: the first <c>num_reads</c> 0/1 assignments (all by default), evaluated by the Instance.</summary>
internal sealed class ExhaustiveBinarySampler : ISamplerAdapter
{
    public AdapterCapabilities GetCapabilities(SamplerOptions options) => ExhaustiveBinarySolver.Supported;

    public SampleSet Sample(Instance instance, SamplerOptions options)
    {
        if (options.NumReads is < 1)
        {
            throw new ArgumentException($"num_reads must be at least 1, not {options.NumReads}", nameof(options));
        }

        var samples = new Dictionary<ulong, IReadOnlyDictionary<ulong, double>>();
        foreach (var state in ExhaustiveSearch.Assignments(instance).Take(options.NumReads ?? int.MaxValue))
        {
            samples[(ulong)samples.Count] = state;
        }

        return instance.EvaluateSamples(samples);
    }
}
