using Google.Protobuf;
using Ommx.Integration.Model;
using Proto = Ommx.Integration.Model.Protos.V1;

namespace Ommx.Integration.Tests.Model;

public sealed class SampleSetTests
{
    private static readonly DecisionVariable[] X = [.. Enumerable.Range(0, 3).Select(i => DecisionVariable.Binary((ulong)i, "x", i))];

    private static Instance Knapsack(ObjectiveSense sense) => Instance.Create(
        sense,
        (3 * X[0]) + (2 * X[1]) + (4 * X[2]),
        X,
        [(X[0] + X[1] + X[2] <= 2).WithId(0)],
        [new RemovedConstraint((X[0] + X[2] <= 1).WithId(1), "penalty")]);

    private static IReadOnlyDictionary<ulong, IReadOnlyDictionary<ulong, double>> Samples(params double[][] states) =>
        states.Select((s, k) => (Id: (ulong)(10 + k), State: (IReadOnlyDictionary<ulong, double>)s.Select((v, i) => (Id: (ulong)i, v)).ToDictionary(p => p.Id, p => p.v)))
            .ToDictionary(p => p.Id, p => p.State);

    [Fact]
    public void EvaluateSamples_ThreeStates_GivesObjectivesAndFlagsPerSample()
    {
        var sampleSet = Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 1, 0], [1, 0, 1], [1, 1, 1]));

        Assert.Equal([10UL, 11UL, 12UL], sampleSet.SampleIds.ToArray());
        Assert.Equal(5, sampleSet.Objectives[10]);
        Assert.Equal(7, sampleSet.Objectives[11]);
        Assert.True(sampleSet.Feasible[10]);
        Assert.False(sampleSet.Feasible[11]);
        Assert.True(sampleSet.FeasibleRelaxed[11]);
        Assert.False(sampleSet.FeasibleRelaxed[12]);
        Assert.Equal(1, sampleSet.Constraints.Single(c => c.Id == 0).Values[12]);
        Assert.Equal("penalty", sampleSet.Constraints.Single(c => c.Id == 1).RemovedReason);
        Assert.Equal(0.0, sampleSet.State(11)[1]);
    }

    [Fact]
    public void EvaluateSamples_VariableOutsideBound_DoesNotAffectFlags()
    {
        var sampleSet = Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([0.5, 0, 0]));

        Assert.True(sampleSet.Feasible[10]);
    }

    [Theory]
    [InlineData(ObjectiveSense.Maximize, 10UL)]
    [InlineData(ObjectiveSense.Minimize, 13UL)]
    public void BestFeasibleSampleId_BySense_PicksBestFeasibleObjective(ObjectiveSense sense, ulong expected)
    {
        var sampleSet = Knapsack(sense).EvaluateSamples(Samples([1, 1, 0], [1, 0, 1], [1, 1, 1], [0, 1, 0]));

        Assert.Equal(expected, sampleSet.BestFeasibleSampleId);
    }

    [Fact]
    public void BestFeasibleSampleId_NoFeasibleSample_IsNull()
    {
        Assert.Null(Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 1, 1])).BestFeasibleSampleId);
    }

    [Fact]
    public void EvaluateSamples_BadState_ThrowsNamingTheSample()
    {
        var error = Assert.Throws<EvaluationException>(() => Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 1, 0], [1, 1])));

        Assert.StartsWith("Sample 11:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_EqualObjectives_AreGroupedIntoOneEntry()
    {
        var sampleSet = Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 1, 0], [0, 0, 0], [1, 1, 0]));

        var proto = Proto.SampleSet.Parser.ParseFrom(sampleSet.ToBytes());

        Assert.Equal(2, proto.Objectives.Entries.Count);
        Assert.Equal([10UL, 12UL], proto.Objectives.Entries[0].Ids);
        Assert.Empty(proto.FeasibleUnrelaxed);
        Assert.Equal(3, proto.Constraints[0].Feasible.Count);
    }

    [Fact]
    public void FromBytes_EvaluatedSampleSet_RoundTrips()
    {
        var sampleSet = Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 1, 0], [1, 0, 1]));
        sampleSet.SetAnnotation("sampler", "sa");

        var decoded = SampleSet.FromBytes(sampleSet.ToBytes());

        Assert.Equal(sampleSet.ToBytes(), decoded.ToBytes());
        Assert.Equal(sampleSet.ToBytes(), decoded.ToCanonicalBytes());
        Assert.Equal(sampleSet.Feasible, decoded.Feasible);
        Assert.Equal("sa", decoded.Annotations["sampler"]);
    }

    [Fact]
    public void FromBytes_VariableMissingASample_ThrowsInconsistentIds()
    {
        var proto = Proto.SampleSet.Parser.ParseFrom(Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 1, 0], [1, 0, 1])).ToBytes());
        proto.DecisionVariables[1].Samples.Entries[0].Ids.Remove(10);

        var error = Assert.Throws<ModelFormatException>(() => SampleSet.FromBytes(proto.ToByteArray()));

        Assert.Contains("decision variable 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing: [10]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_ConstraintFeasibilityContradictingValue_Throws()
    {
        var proto = Proto.SampleSet.Parser.ParseFrom(Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 1, 0])).ToBytes());
        proto.Constraints[0].Feasible[10] = false;

        var error = Assert.Throws<ModelFormatException>(() => SampleSet.FromBytes(proto.ToByteArray()));

        Assert.Contains("constraint 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_TopLevelFeasibleContradictingConstraints_Throws()
    {
        var proto = Proto.SampleSet.Parser.ParseFrom(Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 0, 1])).ToBytes());
        proto.Feasible[10] = true;

        var error = Assert.Throws<ModelFormatException>(() => SampleSet.FromBytes(proto.ToByteArray()));

        Assert.Contains("feasible[10] = true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_NoObjectives_Throws()
    {
        var proto = Proto.SampleSet.Parser.ParseFrom(Knapsack(ObjectiveSense.Maximize).EvaluateSamples(Samples([1, 0, 1])).ToBytes());
        proto.Objectives = null;

        Assert.Throws<ModelFormatException>(() => SampleSet.FromBytes(proto.ToByteArray()));
    }
}
