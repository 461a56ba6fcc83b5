using System.Collections.Immutable;

namespace Ommx.Integration.Model;

public sealed partial class Instance
{
    /// <summary>
    /// Evaluates many states at once (sample id → state), each populated as <see cref="Evaluate"/>
    /// populates it. Per-sample flags count constraints only: OMMX does not check variable bounds or
    /// kinds for SampleSets.
    /// </summary>
    /// <param name="samples">Sample id → state (variable id → value).</param>
    /// <param name="atol">The tolerance; default <see cref="Tolerance.Default"/>.</param>
    /// <exception cref="EvaluationException">A state cannot be evaluated (the message names the sample).</exception>
    public SampleSet EvaluateSamples(IReadOnlyDictionary<ulong, IReadOnlyDictionary<ulong, double>> samples, double? atol = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var tolerance = Tolerance.Resolve(atol);
        var compiled = Compiled;
        var sampleIds = samples.Keys.Order().ToArray();
        var states = new double[sampleIds.Length][];
        for (var s = 0; s < sampleIds.Length; s++)
        {
            try
            {
                states[s] = Populate(samples[sampleIds[s]], tolerance);
            }
            catch (EvaluationException e)
            {
                throw new EvaluationException($"Sample {sampleIds[s]}: {e.Message}", e);
            }
        }

        IdValueMap Column(Func<double[], double> select) => new([.. sampleIds], [.. states.Select(select)]);

        var objectives = Column(x => compiled.Objective.Evaluate(x));
        var variables = DecisionVariables.Select((v, i) => new SampledDecisionVariable(v, Column(x => x[i]))).ToList();

        var constraints = new List<SampledConstraint>(compiled.ConstraintOrder.Length);
        foreach (var index in compiled.ConstraintOrder)
        {
            var (constraint, function, reason, reasonParameters) = index >= 0
                ? (Constraints[index], compiled.Active[index], null, null)
                : (RemovedConstraints[~index].Constraint, compiled.Removed[~index], RemovedConstraints[~index].Reason, RemovedConstraints[~index].ReasonParameters);
            var values = Column(x => function.Evaluate(x));
            var feasible = values.ToDictionary(p => p.Key, p => Constraint.IsSatisfied(constraint.Equality, p.Value, tolerance)).AsReadOnly();
            constraints.Add(new SampledConstraint(constraint.Id!.Value, constraint.Equality, values, feasible, constraint.Function.UsedDecisionVariableIds)
            {
                Name = constraint.Name,
                Subscripts = constraint.Subscripts,
                Parameters = constraint.Parameters,
                Description = constraint.Description,
                RemovedReason = reason,
                RemovedReasonParameters = reasonParameters ?? ImmutableDictionary<string, string>.Empty,
            });
        }

        var named = NamedFunctions.Select((f, k) => new SampledNamedFunction(f.Id, Column(x => compiled.Named[k].Evaluate(x)), f.Function.UsedDecisionVariableIds)
        {
            Name = f.Name,
            Subscripts = f.Subscripts,
            Parameters = f.Parameters,
            Description = f.Description,
        }).ToList();

        var (all, relaxed) = Wire.SampleSetV1Codec.Flags(sampleIds, constraints);
        return new SampleSet([.. sampleIds], objectives, variables.AsReadOnly(), constraints.AsReadOnly(), named.AsReadOnly(), all, relaxed, Sense);
    }
}
