using Ommx.Integration.Model;

namespace Ommx.Integration.Adapters;

/// <summary>
/// A sampler behind OMMX's contract: it takes an <see cref="Instance"/> and options and returns a
/// <see cref="SampleSet"/> made by <see cref="Instance.EvaluateSamples"/>. A SampleSet without a feasible
/// sample is still a result; only an error of the sampler itself is a failure.
/// </summary>
public interface ISamplerAdapter
{
    AdapterCapabilities GetCapabilities(SamplerOptions options);

    SampleSet Sample(Instance instance, SamplerOptions options);
}
