using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Model;

namespace Ommx.Integration.Experiments;

public sealed partial class Experiment
{
    /// <summary>Stores an experiment-level Instance attachment (<c>application/org.ommx.v1.instance</c>).</summary>
    public void LogInstance(string name, Instance instance) => LogPayload(name, PayloadLayer.Of(instance));

    public void LogParametricInstance(string name, ParametricInstance instance) => LogPayload(name, PayloadLayer.Of(instance));

    /// <summary>Stores a Solution attachment as it is now.</summary>
    public void LogSolution(string name, Solution solution) => LogPayload(name, PayloadLayer.Of(solution));

    public void LogSampleSet(string name, SampleSet sampleSet) => LogPayload(name, PayloadLayer.Of(sampleSet));

    /// <summary>The Instance attachment <paramref name="name"/> (v1 or v2).</summary>
    /// <exception cref="KeyNotFoundException">No such attachment.</exception>
    /// <exception cref="InvalidOperationException">The attachment is not an Instance.</exception>
    public Instance GetInstance(string name) => TypedAttachments.Instance(Find(name), Registry);

    public ParametricInstance GetParametricInstance(string name) => TypedAttachments.ParametricInstance(Find(name), Registry);

    public Solution GetSolution(string name) => TypedAttachments.Solution(Find(name), Registry);

    public SampleSet GetSampleSet(string name) => TypedAttachments.SampleSet(Find(name), Registry);

    private void LogPayload(string name, PayloadLayer payload)
    {
        attachments.LogPayload(name, payload);
        Track(name);
    }
}
