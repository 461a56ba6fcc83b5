using Google.Protobuf;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Proto = Ommx.Integration.Model.Protos.V1;

namespace Ommx.Integration.Tests.Model;

public sealed class SolutionTests
{
    private static readonly DecisionVariable[] X = [.. Enumerable.Range(0, 3).Select(i => DecisionVariable.Integer((ulong)i, 0, 5, "x", i))];

    private static Instance Sample() => Instance.Create(
        ObjectiveSense.Minimize,
        X[0] + X[1],
        X,
        [(X[0] + X[1] >= 2).WithId(0).WithName("cover")],
        [new RemovedConstraint((X[2] <= 1).WithId(1), "penalty")]);

    private static Dictionary<ulong, double> State(params double[] values) =>
        values.Select((v, i) => (Id: (ulong)i, Value: v)).ToDictionary(p => p.Id, p => p.Value);

    [Fact]
    public void ToBytes_EvaluatedSolution_WritesOmmxFlagsAndValues()
    {
        var solution = Sample().Evaluate(State(1, 1, 3));

        var proto = Proto.Solution.Parser.ParseFrom(solution.ToBytes());

        Assert.False(proto.Feasible);
        Assert.True(proto.HasFeasibleRelaxed);
        Assert.True(proto.FeasibleRelaxed);
        Assert.False(proto.FeasibleUnrelaxed);
        Assert.Equal([1.0, 1, 3], proto.DecisionVariables.Select(v => v.SubstitutedValue));
        Assert.All(proto.DecisionVariables, v => Assert.NotNull(v.Bound));
        Assert.Equal([0UL, 1UL, 2UL], proto.State.Entries.Keys);
        Assert.Equal("penalty", proto.EvaluatedConstraints[1].RemovedReason);
        Assert.False(proto.EvaluatedConstraints[0].HasRemovedReason);
        Assert.Equal(Proto.Instance.Types.Sense.Minimize, proto.Sense);
    }

    [Fact]
    public void FromBytes_EvaluatedSolution_RoundTripsEveryField()
    {
        var solution = Sample().Evaluate(State(2, 0, 0));
        solution.Optimality = Optimality.Optimal;
        solution.Relaxation = Relaxation.LpRelaxed;
        solution.Metadata = new ProcessMetadata { Solver = "{\"name\":\"test\"}", Start = "2026-01-01T00:00:00Z" };
        solution.SetDualVariable(0, -0.5);
        solution.SetAnnotation("team", "optim");

        var decoded = Solution.FromBytes(solution.ToBytes());

        Assert.Equal(solution.ToBytes(), decoded.ToBytes());
        Assert.Equal(solution.ToBytes(), decoded.ToCanonicalBytes());
        Assert.Equal(Optimality.Optimal, decoded.Optimality);
        Assert.Equal(Relaxation.LpRelaxed, decoded.Relaxation);
        Assert.Equal(solution.Metadata, decoded.Metadata);
        Assert.Equal(-0.5, decoded.GetEvaluatedConstraint(0).DualVariable);
        Assert.Equal("cover", decoded.GetEvaluatedConstraint(0).Name);
        Assert.Equal("optim", decoded.Annotations["team"]);
        Assert.True(decoded.Feasible);
        Assert.Equal(2, decoded.Objective);
    }

    [Fact]
    public void Optimality_SetOnDecodedSolution_ChangesTheEncoding()
    {
        var bytes = Sample().Evaluate(State(2, 0, 0)).ToBytes();
        var decoded = Solution.FromBytes(bytes);

        decoded.Optimality = Optimality.Optimal;

        Assert.NotEqual(bytes, decoded.ToBytes());
        Assert.Equal(Proto.Optimality.Optimal, Proto.Solution.Parser.ParseFrom(decoded.ToBytes()).Optimality);
    }

    [Fact]
    public void FromBytes_FeasibleTrueDespiteViolatedRemovedConstraint_ThrowsNamingIt()
    {
        var proto = Proto.Solution.Parser.ParseFrom(Sample().Evaluate(State(1, 1, 3)).ToBytes());
        proto.Feasible = true;

        var error = Assert.Throws<ModelFormatException>(() => Solution.FromBytes(proto.ToByteArray()));

        Assert.Contains("feasible = true but its values give false", error.Message, StringComparison.Ordinal);
        Assert.Contains("constraint 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_FeasibleRelaxedFalseDespiteHoldingConstraints_Throws()
    {
        var proto = Proto.Solution.Parser.ParseFrom(Sample().Evaluate(State(1, 1, 3)).ToBytes());
        proto.FeasibleRelaxed = false;

        var error = Assert.Throws<ModelFormatException>(() => Solution.FromBytes(proto.ToByteArray()));

        Assert.Contains("feasible_relaxed = false but its values give true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_InvalidVariableValue_MakesFeasibleTrueRejected()
    {
        var proto = Proto.Solution.Parser.ParseFrom(Sample().Evaluate(State(2, 0, 0)).ToBytes());
        proto.State.Entries[2] = 0.5;
        proto.DecisionVariables[2].SubstitutedValue = 0.5;

        var error = Assert.Throws<ModelFormatException>(() => Solution.FromBytes(proto.ToByteArray()));

        Assert.Contains("variable 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_WithoutFeasibleRelaxed_ReadsLegacyMeaning()
    {
        // Before feasible_relaxed: feasible = relaxed, feasible_unrelaxed = all constraints.
        var proto = Proto.Solution.Parser.ParseFrom(Sample().Evaluate(State(1, 1, 3)).ToBytes());
        proto.ClearFeasibleRelaxed();
        proto.Feasible = true;
        proto.FeasibleUnrelaxed = false;

        var solution = Solution.FromBytes(proto.ToByteArray());

        Assert.False(solution.Feasible);
        Assert.True(solution.FeasibleRelaxed);
    }

    [Fact]
    public void FromBytes_VariableWithoutAnyValue_Throws()
    {
        var proto = Proto.Solution.Parser.ParseFrom(Sample().Evaluate(State(2, 0, 0)).ToBytes());
        proto.State.Entries.Remove(1);
        proto.DecisionVariables[1].ClearSubstitutedValue();

        var error = Assert.Throws<ModelFormatException>(() => Solution.FromBytes(proto.ToByteArray()));

        Assert.Contains("decision variable 1 has no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_StateAndSubstitutedValueDisagree_Throws()
    {
        var proto = Proto.Solution.Parser.ParseFrom(Sample().Evaluate(State(2, 0, 0)).ToBytes());
        proto.DecisionVariables[1].SubstitutedValue = 1;

        var error = Assert.Throws<ModelFormatException>(() => Solution.FromBytes(proto.ToByteArray()));

        Assert.Contains("variable 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_SubstitutedValueOnly_GivesTheValue()
    {
        var proto = Proto.Solution.Parser.ParseFrom(Sample().Evaluate(State(2, 0, 4)).ToBytes());
        proto.State.Entries.Remove(2);

        var solution = Solution.FromBytes(proto.ToByteArray());

        Assert.Equal(4, solution.Value(2));
        Assert.False(solution.State.ContainsKey(2));
    }

    [Fact]
    public void FromLayer_InstanceMediaType_ThrowsNamingIt()
    {
        var error = Assert.Throws<ModelFormatException>(() => Solution.FromLayer(MediaTypes.InstanceV1, []));

        Assert.Contains(MediaTypes.InstanceV1, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetAnnotation_ReservedKey_Throws()
    {
        var solution = Sample().Evaluate(State(2, 0, 0));

        Assert.Throws<ArgumentException>(() => solution.SetAnnotation("org.ommx.v1.solution.solver", "x"));
    }

    [Fact]
    public void SetDualVariable_UnknownConstraint_Throws()
    {
        var solution = Sample().Evaluate(State(2, 0, 0));

        Assert.Throws<KeyNotFoundException>(() => solution.SetDualVariable(9, 1));
    }
}
