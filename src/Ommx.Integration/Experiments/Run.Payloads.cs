using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Model;

namespace Ommx.Integration.Experiments;

public sealed partial class Run
{
    /// <summary>Stores an Instance attachment (<c>application/org.ommx.v1.instance</c>, OMMX's layer annotations).</summary>
    public void LogInstance(string name, Instance instance) => LogPayload(name, instance, PayloadLayer.Of);

    public void LogParametricInstance(string name, ParametricInstance instance) => LogPayload(name, instance, PayloadLayer.Of);

    /// <summary>Stores a Solution attachment as it is now (later changes to it are not recorded).</summary>
    public void LogSolution(string name, Solution solution) => LogPayload(name, solution, PayloadLayer.Of);

    public void LogSampleSet(string name, SampleSet sampleSet) => LogPayload(name, sampleSet, PayloadLayer.Of);

    private void LogPayload<T>(string name, T payload, Func<T, PayloadLayer> layer)
    {
        if (!discards)
        {
            attachments.LogPayload(name, layer(payload));
        }
    }
}
