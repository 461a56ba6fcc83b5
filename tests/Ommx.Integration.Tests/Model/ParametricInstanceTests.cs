using Google.Protobuf;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using V1 = Ommx.Integration.Model.Protos.V1;
using V2 = Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Tests.Model;

public sealed class ParametricInstanceTests
{
    private static readonly DecisionVariable[] X = [DecisionVariable.Integer(0, 0, 10, "x", 0), DecisionVariable.Integer(1, 0, 10, "x", 1)];
    private static readonly Parameter Capacity = new(100) { Name = "capacity" };
    private static readonly Parameter Price = new(101) { Name = "price", Subscripts = [1] };

    private static ParametricInstance Knapsack() => ParametricInstance.Create(
        ObjectiveSense.Maximize,
        (3 * X[0]) + (Price.ToFunction() * X[1]),
        X,
        [Capacity, Price],
        [((2 * X[0]) + (3 * X[1]) - Capacity <= 0).WithName("capacity")],
        namedFunctions: [new NamedFunction(0, Price.ToFunction() * X[1] * X[1])]);

    [Fact]
    public void WithParameters_AllGiven_SubstitutesEverywhere()
    {
        var instance = Knapsack().WithParameters(new Dictionary<ulong, double> { [100] = 12, [101] = 5 });

        Assert.Equal((3 * X[0]) + (5 * X[1]), instance.Objective);
        Assert.Equal((2 * X[0]) + (3 * X[1]) - 12, instance.Constraints.Single().Function);
        Assert.Equal("capacity", instance.Constraints.Single().Name);
        Assert.Equal(5 * X[1] * X[1], instance.NamedFunctions.Single().Function);
        Assert.Equal([0UL, 1UL], instance.DecisionVariables.Select(v => v.Id));
        Assert.Equal(12, instance.Parameters![100]);
        Assert.Equal(12, V1.Instance.Parser.ParseFrom(instance.ToBytes()).Parameters.Entries[100]);
    }

    [Fact]
    public void WithParameters_MissingOne_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Knapsack().WithParameters(new Dictionary<ulong, double> { [100] = 12 }));

        Assert.Contains("parameter 101", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithParameters_IdThatIsNoParameter_Throws()
    {
        Assert.Throws<ArgumentException>(() => Knapsack().WithParameters(new Dictionary<ulong, double> { [100] = 1, [101] = 1, [0] = 1 }));
    }

    [Fact]
    public void Create_ParameterIdCollidingWithVariable_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() =>
            ParametricInstance.Create(ObjectiveSense.Minimize, X[0], X, [new Parameter(1)]));

        Assert.Contains("Parameter id 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UndeclaredId_ThrowsLikeAnInstance()
    {
        var error = Assert.Throws<UndefinedVariableException>(() =>
            ParametricInstance.Create(ObjectiveSense.Minimize, X[0] + Function.Variable(7), X, [Capacity]));

        Assert.Equal(7UL, error.VariableId);
    }

    [Fact]
    public void ToBytes_RoundTrip_KeepsParametersAndFields()
    {
        var parametric = Knapsack();

        var decoded = ParametricInstance.FromLayer(MediaTypes.ParametricInstanceV1, parametric.ToBytes());

        Assert.Equal(parametric.ToBytes(), decoded.ToBytes());
        Assert.Equal(parametric.ToBytes(), decoded.ToCanonicalBytes());
        Assert.Equal(["capacity", "price"], decoded.Parameters.Select(p => p.Name));
        Assert.Equal(parametric.Objective, decoded.Objective);
        Assert.Equal(2, decoded.DecisionVariables.Count);
    }

    [Fact]
    public void FromBytes_FieldNumbers_FollowParametricInstanceNotInstance()
    {
        var proto = V1.ParametricInstance.Parser.ParseFrom(Knapsack().ToBytes());

        Assert.Equal(2, proto.Parameters.Count);
        Assert.Equal(V1.Instance.Types.Sense.Maximize, proto.Sense);
        Assert.Single(proto.Constraints);
        // Read as an Instance, field 3 (parameters) would be the objective: the bytes are rejected.
        Assert.ThrowsAny<ModelFormatException>(() => Instance.FromBytes(proto.ToByteArray()));
    }

    [Fact]
    public void FromV2Bytes_ParameterTable_ReadsParametersAndLabels()
    {
        var instance = V2DecodingTests.SampleInstance();
        var proto = new V2.ParametricInstance
        {
            DecisionVariables = instance.DecisionVariables,
            Parameters = new V2.ParameterTable { Ids = { 50 }, Labels = { [50] = new V2.ModelingLabel { Name = "p" } } },
            Objective = new V1.Function { Linear = new V1.Linear { Terms = { new V1.Linear.Types.Term { Id = 50, Coefficient = 1 }, new V1.Linear.Types.Term { Id = 0, Coefficient = 2 } } } },
            RegularConstraints = instance.RegularConstraints,
            Sense = V1.Instance.Types.Sense.Minimize,
        };

        var parametric = ParametricInstance.FromV2Bytes(proto.ToByteArray());
        var bound = parametric.WithParameters(new Dictionary<ulong, double> { [50] = 4 });

        Assert.Equal("p", parametric.Parameters.Single().Name);
        Assert.Equal(4, bound.Objective.Constant);
        Assert.Equal("capacity", bound.GetConstraint(7).Name);
    }
}
