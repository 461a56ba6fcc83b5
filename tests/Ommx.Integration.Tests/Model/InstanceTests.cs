using Google.Protobuf;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Proto = Ommx.Integration.Model.Protos.V1;

namespace Ommx.Integration.Tests.Model;

public sealed class InstanceTests
{
    private static readonly DecisionVariable[] X = [.. Enumerable.Range(0, 3).Select(i => DecisionVariable.Binary((ulong)i, "x", i))];

    [Fact]
    public void Create_ConstraintsWithoutIds_AreNumberedAfterTheLargestGivenId()
    {
        var instance = Instance.Create(
            ObjectiveSense.Maximize,
            X[0] + X[1],
            X,
            [(X[0] + X[1] <= 1).WithId(5), X[1] + X[2] <= 1, X[0] + X[2] <= 1],
            removedConstraints: [new RemovedConstraint(X[0] + X[1] + X[2] <= 2, "penalty")]);

        Assert.Equal([5UL, 6UL, 7UL], instance.Constraints.Select(c => c.Id!.Value));
        Assert.Equal(8UL, instance.RemovedConstraints.Single().Constraint.Id);
        Assert.Equal(X[1] + X[2] - 1, instance.GetConstraint(6).Function);
    }

    [Fact]
    public void Create_VariablesInAnyOrder_AreListedById()
    {
        var instance = Instance.Create(ObjectiveSense.Minimize, X[2], [X[2], X[0], X[1]]);

        Assert.Equal([0UL, 1UL, 2UL], instance.DecisionVariables.Select(v => v.Id));
        Assert.Same(X[2], instance.GetDecisionVariable(2));
    }

    [Fact]
    public void Create_ObjectiveUsesUndeclaredVariable_ThrowsNamingIdAndPlace()
    {
        var error = Assert.Throws<UndefinedVariableException>(() =>
            Instance.Create(ObjectiveSense.Minimize, X[0], [X[0]], [(X[0] + X[2] <= 1).WithId(4)]));

        Assert.Equal(2UL, error.VariableId);
        Assert.Equal("constraint 4", error.UsedIn);
    }

    [Fact]
    public void Create_DuplicateVariableId_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() => Instance.Create(ObjectiveSense.Minimize, X[0], [X[0], DecisionVariable.Integer(0, 0, 3)]));

        Assert.Contains("id 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ConstraintIdSharedByActiveAndRemoved_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() => Instance.Create(
            ObjectiveSense.Minimize,
            X[0],
            X,
            [(X[0] <= 1).WithId(3)],
            [new RemovedConstraint((X[1] <= 1).WithId(3), "relaxed")]));

        Assert.Contains("Constraint id 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FixedVariableInObjective_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() =>
            Instance.Create(ObjectiveSense.Minimize, X[0] + X[1], [X[0].WithSubstitutedValue(1), X[1]]));

        Assert.Contains("Fixed variable 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DependentVariableInConstraint_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() =>
            Instance.Create(ObjectiveSense.Minimize, X[0], X, [X[2] <= 1], decisionVariableDependency: [new(2UL, X[0] + X[1])]));

        Assert.Contains("Dependent variable 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CyclicDependency_ThrowsShowingTheCycle()
    {
        var error = Assert.Throws<ModelFormatException>(() => Instance.Create(
            ObjectiveSense.Minimize,
            Function.Zero,
            X,
            decisionVariableDependency: [new(1UL, X[2] + 1), new(2UL, 2 * X[1])]));

        Assert.Contains("cyclic: 1 -> 2 -> 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NonFiniteCoefficient_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() => Instance.Create(ObjectiveSense.Minimize, X[0] / 0, X));

        Assert.Contains("The objective has a non-finite coefficient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ReservedAnnotationKey_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() =>
            Instance.Create(ObjectiveSense.Minimize, X[0], X, annotations: [new("org.ommx.v1.instance.title", "t")]));

        Assert.Contains("org.ommx.v1.instance.title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_IntegerBoundWithFractions_IsRoundedInwardWithTolerance()
    {
        var instance = Instance.Create(
            ObjectiveSense.Minimize,
            Function.Zero,
            [DecisionVariable.Integer(0, -2.5, 3.9999999), DecisionVariable.SemiInteger(1, 0.2, 0.8), DecisionVariable.Binary(2).WithBound(new Bound(0, 0.5))]);

        Assert.Equal(new Bound(-2, 4), instance.DecisionVariables[0].Bound);
        Assert.Equal(new Bound(0, 0), instance.DecisionVariables[1].Bound);
        Assert.Equal(new Bound(0, 0), instance.DecisionVariables[2].Bound);
    }

    [Theory]
    [InlineData(VariableKind.Binary, 2, 3)]
    [InlineData(VariableKind.Integer, 0.2, 0.8)]
    [InlineData(VariableKind.Continuous, 1, 0)]
    [InlineData(VariableKind.Continuous, double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(VariableKind.Continuous, double.NaN, 1)]
    public void Create_ImpossibleBound_ThrowsNamingTheVariable(VariableKind kind, double lower, double upper)
    {
        var error = Assert.Throws<ModelFormatException>(() =>
            Instance.Create(ObjectiveSense.Minimize, Function.Zero, [new DecisionVariable(7, kind, new Bound(lower, upper))]));

        Assert.Contains("variable 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_CreatedInstance_DecodesToEqualParts()
    {
        var instance = Instance.Create(
            ObjectiveSense.Maximize,
            (3 * X[0]) + (2 * X[1] * X[2]) + 1,
            [.. X, DecisionVariable.Continuous(9, double.NegativeInfinity, 4, "y")],
            [(X[0] + X[1] <= 1).WithName("pair", 0, 1)],
            [new RemovedConstraint((X[0] + X[1] + X[2]).EqualTo(1), "penalty") { ReasonParameters = new Dictionary<string, string> { ["rho"] = "2" } }],
            [new(9UL, X[0] + (2 * X[1]))],
            [new NamedFunction(0, X[0] * X[1] * X[2]) { Name = "triple" }],
            new InstanceDescription { Name = "demo", Authors = ["a", "b"], License = "MIT" },
            [new("team", "optim")],
            [new(100UL, 2.5)]);

        var decoded = Instance.FromBytes(instance.ToBytes());

        Assert.Equal(instance.ToBytes(), decoded.ToBytes());
        Assert.Equal(instance.ToBytes(), decoded.ToCanonicalBytes());
        Assert.Equal(instance.Objective, decoded.Objective);
        Assert.Equal(ObjectiveSense.Maximize, decoded.Sense);
        Assert.Equal(new Bound(double.NegativeInfinity, 4), decoded.GetDecisionVariable(9).Bound);
        Assert.Equal("pair", decoded.Constraints.Single().Name);
        Assert.Equal("2", decoded.RemovedConstraints.Single().ReasonParameters["rho"]);
        Assert.Equal(X[0] + (2 * X[1]), decoded.DecisionVariableDependency[9]);
        Assert.Equal("triple", decoded.NamedFunctions.Single().Name);
        Assert.Equal(["a", "b"], decoded.Description!.Authors.ToArray());
        Assert.Equal("optim", decoded.Annotations["team"]);
        Assert.Equal(2.5, decoded.Parameters![100]);
    }

    [Fact]
    public void FromBytes_VariableWithoutBound_ReadsBoundAsZeroZero()
    {
        var proto = MinimalProto();
        proto.DecisionVariables[0].Bound = null;

        var instance = Instance.FromBytes(proto.ToByteArray());

        Assert.Equal(new Bound(0, 0), instance.DecisionVariables[0].Bound);
    }

    [Fact]
    public void FromBytes_UnspecifiedSense_ReadsAsMinimize()
    {
        var proto = MinimalProto();
        proto.Sense = Proto.Instance.Types.Sense.Unspecified;

        Assert.Equal(ObjectiveSense.Minimize, Instance.FromBytes(proto.ToByteArray()).Sense);
    }

    public static TheoryData<string, string> Rejections() => new()
    {
        { "format_version", "format_version 1" },
        { "kind", "kind UNSPECIFIED" },
        { "unknown kind", "unknown kind 6" },
        { "equality", "equality UNSPECIFIED" },
        { "objective", "objective has no function" },
        { "constraint function", "Constraint 0 has no function" },
        { "oneof", "no member set" },
        { "annotation", "reserved" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void FromBytes_InvalidField_ThrowsSayingWhy(string field, string expected)
    {
        var proto = MinimalProto();
        switch (field)
        {
            case "format_version":
                proto.FormatVersion = 1;
                break;
            case "kind":
                proto.DecisionVariables[0].Kind = Proto.DecisionVariable.Types.Kind.Unspecified;
                break;
            case "unknown kind":
                proto.DecisionVariables[0].Kind = (Proto.DecisionVariable.Types.Kind)6;
                break;
            case "equality":
                proto.Constraints[0].Equality = Proto.Equality.Unspecified;
                break;
            case "objective":
                proto.Objective = null;
                break;
            case "constraint function":
                proto.Constraints[0].Function = null;
                break;
            case "oneof":
                proto.Objective = new Proto.Function();
                break;
            default:
                proto.Annotations.Add("org.ommx.v1.instance.title", "x");
                break;
        }

        var error = Assert.Throws<ModelFormatException>(() => Instance.FromBytes(proto.ToByteArray()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_Garbage_ThrowsModelFormatException()
    {
        var error = Assert.Throws<ModelFormatException>(() => Instance.FromBytes([0x0a, 0xff, 0xff, 0x01]));

        Assert.Contains("not a valid Instance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_UnknownFields_ArePreservedOnReencode()
    {
        var bytes = MinimalProto().ToByteArray().Concat(new byte[] { 0xa8, 0x06, 0x2a }).ToArray(); // field 101 varint 42

        var instance = Instance.FromBytes(bytes);

        Assert.Equal(bytes, instance.ToBytes());
    }

    [Fact]
    public void FromLayer_SolutionMediaType_ThrowsNamingIt()
    {
        var error = Assert.Throws<ModelFormatException>(() => Instance.FromLayer(MediaTypes.SolutionV1, MinimalProto().ToByteArray()));

        Assert.Contains(MediaTypes.SolutionV1, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLayer_V1MediaType_ReadsTheInstance()
    {
        Assert.Single(Instance.FromLayer(MediaTypes.InstanceV1, MinimalProto().ToByteArray()).Constraints);
    }

    /// <summary>x0 binary; minimize x0; x0 − 1 ≤ 0 (id 0).</summary>
    internal static Proto.Instance MinimalProto()
    {
        var linear = new Proto.Linear { Terms = { new Proto.Linear.Types.Term { Id = 0, Coefficient = 1 } } };
        return new Proto.Instance
        {
            DecisionVariables = { new Proto.DecisionVariable { Id = 0, Kind = Proto.DecisionVariable.Types.Kind.Binary, Bound = new Proto.Bound { Lower = 0, Upper = 1 } } },
            Objective = new Proto.Function { Linear = linear },
            Constraints =
            {
                new Proto.Constraint
                {
                    Id = 0,
                    Equality = Proto.Equality.LessThanOrEqualToZero,
                    Function = new Proto.Function { Linear = new Proto.Linear { Terms = { linear.Terms }, Constant = -1 } },
                },
            },
            Sense = Proto.Instance.Types.Sense.Minimize,
        };
    }
}
