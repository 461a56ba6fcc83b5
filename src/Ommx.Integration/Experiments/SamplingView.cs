using Ommx.Integration.Model;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments;

/// <summary>A recorded Sampling: everything in <see cref="AdapterCallView"/> plus the SampleSet of a finished Sampling.</summary>
public sealed class SamplingView : AdapterCallView
{
    private SampleSet? output;

    internal SamplingView(LocalRegistry registry, SolveRecord record)
        : base(registry, record, "Sampling")
    {
    }

    /// <summary>The SampleSet; <c>null</c> unless the Sampling finished.</summary>
    public SampleSet? Output => Record.Output is { } o ? output ??= SampleSet.FromLayer(o.MediaType, Registry.Blobs.Read(o)) : null;
}
