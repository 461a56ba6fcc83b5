using Google.Protobuf;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Proto = Ommx.Integration.Model.Protos.V1;
using ProtoV2 = Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Tests.Model;

/// <summary>Solution summaries (objective and stored feasibility) read with the Model's codecs.</summary>
public sealed class SolutionSummaryTests
{
    private static readonly DecisionVariable[] X = [.. Enumerable.Range(0, 3).Select(i => DecisionVariable.Integer((ulong)i, 0, 5, "x", i))];

    private static Instance Sample() => Instance.Create(
        ObjectiveSense.Minimize,
        X[0] + X[1],
        X,
        [(X[0] + X[1] >= 2).WithId(0).WithName("cover")],
        [new RemovedConstraint((X[2] <= 1).WithId(1), "penalty")]);

    [Theory]
    [InlineData(1, 1, 3)]
    [InlineData(2, 0, 0)]
    [InlineData(0, 0, 0)]
    public void TryRead_EvaluatedV1Solution_AgreesWithTheFullDecode(double x0, double x1, double x2)
    {
        var bytes = Sample().Evaluate(new Dictionary<ulong, double> { [0] = x0, [1] = x1, [2] = x2 }).ToBytes();
        var decoded = Solution.FromBytes(bytes);

        var summary = SolutionSummary.TryRead(MediaTypes.SolutionV1, bytes);

        Assert.Equal(new SolutionSummary(decoded.Objective, decoded.Feasible, decoded.FeasibleRelaxed), summary);
    }

    [Fact]
    public void TryRead_LegacyV1WithoutFeasibleRelaxed_FeasibleMeansRelaxedAndUnrelaxedMeansAll()
    {
        var legacy = new Proto.Solution { Objective = 4.25, Feasible = true, FeasibleUnrelaxed = false };

        var summary = SolutionSummary.TryRead(MediaTypes.SolutionV1, legacy.ToByteArray());

        Assert.Equal(new SolutionSummary(4.25, false, true), summary);
    }

    [Fact]
    public void TryRead_V2WithoutFeasibleRelaxed_LeavesRelaxedUnknown()
    {
        var v2 = new ProtoV2.Solution { Objective = -1.5, Feasible = true };

        Assert.Equal(new SolutionSummary(-1.5, true, null), SolutionSummary.TryRead(MediaTypes.SolutionV2, v2.ToByteArray()));

        v2.FeasibleRelaxed = true;
        Assert.Equal(new SolutionSummary(-1.5, true, true), SolutionSummary.TryRead(MediaTypes.SolutionV2, v2.ToByteArray()));
    }

    [Fact]
    public void TryRead_SolutionAFullReadRejects_StillSummarizesWhatItSays()
    {
        // Says feasible although its values are not: Solution.FromBytes refuses it, a listing still shows it.
        var proto = Proto.Solution.Parser.ParseFrom(Sample().Evaluate(new Dictionary<ulong, double> { [0] = 0, [1] = 0, [2] = 0 }).ToBytes());
        proto.Feasible = true;
        proto.FeasibleRelaxed = true;
        var bytes = proto.ToByteArray();
        Assert.Throws<ModelFormatException>(() => Solution.FromBytes(bytes));

        Assert.Equal(new SolutionSummary(0, true, true), SolutionSummary.TryRead(MediaTypes.SolutionV1, bytes));
    }

    [Fact]
    public void TryRead_NotASolution_Null()
    {
        Assert.Null(SolutionSummary.TryRead(MediaTypes.SolutionV1, [0xFF, 0xFF, 0xFF]));
        Assert.Null(SolutionSummary.TryRead(MediaTypes.SolutionV2, [0x11, 0x00]));
        Assert.Null(SolutionSummary.TryRead(MediaTypes.InstanceV1, Sample().ToBytes()));
    }
}
