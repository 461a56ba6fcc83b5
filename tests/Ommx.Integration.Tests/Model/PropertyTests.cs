using CsCheck;
using Ommx.Integration.Model;

namespace Ommx.Integration.Tests.Model;

/// <summary>Property-based tests (CsCheck) over small random Instances.</summary>
public sealed class PropertyTests
{
    private const double Atol = 1e-6;

    private static readonly Gen<double> AnyCoefficient = Gen.Frequency(
        (3, Gen.Double[-1000, 1000]),
        (1, Gen.Int[-3, 3].Select(i => (double)i)));

    private static readonly Gen<double> IntegerCoefficient = Gen.Int[-4, 4].Select(i => (double)i);

    [Fact]
    public void EncodeDecodeEncode_RandomInstance_IsUnchanged()
    {
        RandomInstances.Instances(AnyCoefficient).Sample(
            generated =>
            {
                var instance = generated.Instance;
                var bytes = instance.ToBytes();

                var decoded = Instance.FromBytes(bytes);

                Assert.Equal(bytes, decoded.ToBytes());
                Assert.Equal(bytes, decoded.ToCanonicalBytes());
                Assert.Equal(instance.Objective, decoded.Objective);
                Assert.Equal(instance.Constraints.Select(c => c.Function), decoded.Constraints.Select(c => c.Function));
                Assert.Equal(instance.DecisionVariables.Select(v => (v.Id, v.Kind, v.Bound, v.Name)), decoded.DecisionVariables.Select(v => (v.Id, v.Kind, v.Bound, v.Name)));
            },
            iter: 500);
    }

    [Fact]
    public void Evaluate_RandomInstanceAndState_AgreesWithDirectComputation()
    {
        var cases = from generated in RandomInstances.Instances(IntegerCoefficient)
                    from state in RandomInstances.States(generated.Instance)
                    select (generated, state);
        cases.Sample(
            (generated, state) =>
            {
                var solution = generated.Instance.Evaluate(state);

                var full = generated.Instance.DecisionVariables.ToDictionary(v => v.Id, v => state.TryGetValue(v.Id, out var x) ? x : Unused(v));
                Assert.Equal(GeneratedInstance.Value(generated.Objective, generated.ObjectiveConstant, full), solution.Objective);
                var activeFeasible = true;
                var removedFeasible = true;
                foreach (var c in generated.Constraints)
                {
                    var value = GeneratedInstance.Value(c.Terms, c.Constant, full);
                    var holds = c.Equality ? Math.Abs(value) < Atol : value < Atol;
                    var evaluated = solution.GetEvaluatedConstraint(c.Id);
                    Assert.Equal(value, evaluated.EvaluatedValue);
                    Assert.Equal(holds, evaluated.Feasible);
                    Assert.Equal(c.Removed, evaluated.IsRemoved);
                    activeFeasible &= c.Removed || holds;
                    removedFeasible &= !c.Removed || holds;
                }

                var variablesValid = generated.Instance.DecisionVariables.All(v => Valid(v, full[v.Id]));
                Assert.Equal(full, solution.State);
                Assert.Equal(variablesValid && activeFeasible, solution.FeasibleRelaxed);
                Assert.Equal(variablesValid && activeFeasible && removedFeasible, solution.Feasible);

                // OMMX's reader rules accept what the writer wrote, and the message survives a round trip.
                var decoded = Solution.FromBytes(solution.ToBytes());
                Assert.Equal(solution.Feasible, decoded.Feasible);
                Assert.Equal(solution.FeasibleRelaxed, decoded.FeasibleRelaxed);
                Assert.Equal(solution.ToBytes(), decoded.ToCanonicalBytes());
            },
            iter: 500);
    }

    [Fact]
    public void EvaluateSamples_RandomStates_AgreeWithOneByOneEvaluation()
    {
        var cases = from generated in RandomInstances.Instances(IntegerCoefficient)
                    from states in RandomInstances.States(generated.Instance).Array[1, 4]
                    select (generated, states);
        cases.Sample(
            (generated, states) =>
            {
                var samples = states.Select((s, k) => (Id: (ulong)(k * 2), State: (IReadOnlyDictionary<ulong, double>)s)).ToDictionary(p => p.Id, p => p.State);

                var sampleSet = generated.Instance.EvaluateSamples(samples);

                foreach (var (id, state) in samples)
                {
                    var solution = generated.Instance.Evaluate(state);
                    Assert.Equal(solution.Objective, sampleSet.Objectives[id]);
                    Assert.All(solution.EvaluatedConstraints, c => Assert.Equal(c.EvaluatedValue, sampleSet.Constraints.Single(s => s.Id == c.Id).Values[id]));
                    Assert.Equal(solution.EvaluatedConstraints.All(c => c.Feasible), sampleSet.Feasible[id]);
                    Assert.Equal(solution.EvaluatedConstraints.All(c => c.IsRemoved || c.Feasible), sampleSet.FeasibleRelaxed[id]);
                }

                Assert.Equal(sampleSet.ToBytes(), SampleSet.FromBytes(sampleSet.ToBytes()).ToCanonicalBytes());
            },
            iter: 200);
    }

    private static double Unused(DecisionVariable v) =>
        v.Kind is VariableKind.SemiContinuous or VariableKind.SemiInteger ? 0
        : v.Bound.Lower >= 0 ? v.Bound.Lower
        : v.Bound.Upper <= 0 ? v.Bound.Upper
        : 0;

    private static bool Valid(DecisionVariable v, double value) =>
        v.Bound.Lower - Atol <= value && value <= v.Bound.Upper + Atol
        && (v.Kind is VariableKind.Continuous or VariableKind.SemiContinuous || value == Math.Floor(value));
}
