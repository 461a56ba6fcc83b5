using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>
/// Many states (samples, e.g. from an annealer) evaluated against one Instance: per sample id the
/// objective, every constraint's value and feasibility, and the flags <c>feasible</c> (all constraints,
/// removed ones too) and <c>feasible_relaxed</c> (active constraints only). Unlike a Solution, the
/// flags do not check variable bounds or kinds (OMMX's rule). Made by
/// <see cref="Instance.EvaluateSamples"/> or read from a layer.
/// </summary>
public sealed partial class SampleSet
{
    private Dictionary<string, string> _annotations = new(StringComparer.Ordinal);
    private ProcessMetadata? _metadata;

    internal SampleSet(
        ImmutableArray<ulong> sampleIds,
        IReadOnlyDictionary<ulong, double> objectives,
        IReadOnlyList<SampledDecisionVariable> decisionVariables,
        IReadOnlyList<SampledConstraint> constraints,
        IReadOnlyList<SampledNamedFunction> namedFunctions,
        IReadOnlyDictionary<ulong, bool> feasible,
        IReadOnlyDictionary<ulong, bool> feasibleRelaxed,
        ObjectiveSense sense)
    {
        SampleIds = sampleIds;
        Objectives = objectives;
        DecisionVariables = decisionVariables;
        Constraints = constraints;
        NamedFunctions = namedFunctions;
        Feasible = feasible;
        FeasibleRelaxed = feasibleRelaxed;
        Sense = sense;
    }

    /// <summary>The sample ids, ascending.</summary>
    public ImmutableArray<ulong> SampleIds { get; }

    /// <summary>Sample id → objective value.</summary>
    public IReadOnlyDictionary<ulong, double> Objectives { get; }

    public IReadOnlyList<SampledDecisionVariable> DecisionVariables { get; }

    /// <summary>Active and removed constraints.</summary>
    public IReadOnlyList<SampledConstraint> Constraints { get; }

    public IReadOnlyList<SampledNamedFunction> NamedFunctions { get; }

    /// <summary>Sample id → every constraint, active and removed, holds.</summary>
    public IReadOnlyDictionary<ulong, bool> Feasible { get; }

    /// <summary>Sample id → every active constraint holds.</summary>
    public IReadOnlyDictionary<ulong, bool> FeasibleRelaxed { get; }

    public ObjectiveSense Sense { get; }

    public ProcessMetadata? Metadata
    {
        get => _metadata;
        set
        {
            _metadata = value;
            _source = null;
        }
    }

    public IReadOnlyDictionary<string, string> Annotations => _annotations.AsReadOnly();

    /// <summary>
    /// The feasible sample with the best objective (smallest when minimizing, largest when maximizing;
    /// the smallest sample id among ties), or <see langword="null"/> when no sample is feasible.
    /// </summary>
    public ulong? BestFeasibleSampleId
    {
        get
        {
            ulong? best = null;
            foreach (var id in SampleIds)
            {
                if (!Feasible[id])
                {
                    continue;
                }

                if (best is not { } current || Better(Objectives[id], Objectives[current]))
                {
                    best = id;
                }
            }

            return best;
        }
    }

    /// <summary>The state of sample <paramref name="sampleId"/> (variable id → value).</summary>
    /// <exception cref="KeyNotFoundException">No such sample.</exception>
    public IReadOnlyDictionary<ulong, double> State(ulong sampleId)
    {
        if (!Objectives.ContainsKey(sampleId))
        {
            throw new KeyNotFoundException($"The SampleSet has no sample {sampleId}");
        }

        return IdValueMap.From(DecisionVariables.Select(v => new KeyValuePair<ulong, double>(v.Variable.Id, v.Samples[sampleId])));
    }

    /// <summary>Sets a user annotation (keys starting with <c>org.ommx.v1.</c> are reserved).</summary>
    public void SetAnnotation(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.StartsWith("org.ommx.v1.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Annotation key {key} is reserved (keys starting with org.ommx.v1. are not allowed)", nameof(key));
        }

        _annotations[key] = value;
        _source = null;
    }

    internal void Restore(ProcessMetadata? metadata, IEnumerable<KeyValuePair<string, string>> annotations)
    {
        _metadata = metadata;
        _annotations = new Dictionary<string, string>(annotations, StringComparer.Ordinal);
    }

    private bool Better(double candidate, double incumbent) =>
        Sense == ObjectiveSense.Maximize ? candidate > incumbent : candidate < incumbent;
}
