using Ommx.Integration.Model;

namespace Ommx.Integration.Experiments;

public sealed partial class Run
{
    /// <summary>Stores an Instance attachment (<c>application/org.ommx.v1.instance</c>, OMMX's layer annotations).</summary>
    public void LogInstance(string name, Instance instance) => attachments.LogPayload(name, PayloadLayer.Of(instance));

    public void LogParametricInstance(string name, ParametricInstance instance) => attachments.LogPayload(name, PayloadLayer.Of(instance));

    /// <summary>Stores a Solution attachment as it is now (later changes to it are not recorded).</summary>
    public void LogSolution(string name, Solution solution) => attachments.LogPayload(name, PayloadLayer.Of(solution));

    public void LogSampleSet(string name, SampleSet sampleSet) => attachments.LogPayload(name, PayloadLayer.Of(sampleSet));
}
