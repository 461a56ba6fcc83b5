namespace Ommx.Integration.Model;

/// <summary>A decision variable with its value in every sample (sample id → value).</summary>
public sealed class SampledDecisionVariable
{
    internal SampledDecisionVariable(DecisionVariable variable, IReadOnlyDictionary<ulong, double> samples)
    {
        Variable = variable;
        Samples = samples;
    }

    public DecisionVariable Variable { get; }

    public IReadOnlyDictionary<ulong, double> Samples { get; }
}
