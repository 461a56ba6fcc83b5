using Google.Protobuf;
using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using V1 = Ommx.Integration.Model.Protos.V1;
using V2 = Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Tests.Model;

/// <summary>ommx.v2 payloads (what OMMX 3.0 writes), built here because no public v2 data exists.</summary>
public sealed class V2DecodingTests
{
    private static V1.Function Linear(double constant, params (ulong Id, double Coefficient)[] terms)
    {
        var linear = new V1.Linear { Constant = constant };
        linear.Terms.AddRange(terms.Select(t => new V1.Linear.Types.Term { Id = t.Id, Coefficient = t.Coefficient }));
        return new V1.Function { Linear = linear };
    }

    /// <summary>x0, x1 binary (x1 fixed to 1), y2 integer in [0, 4]; maximize x0 + 2·y2; x0 + y2 − 3 ≤ 0 (c7, labelled); removed y2 − 1 ≤ 0 (c8).</summary>
    internal static V2.Instance SampleInstance()
    {
        var binary = new V1.Bound { Lower = 0, Upper = 1 };
        var table = new V2.DecisionVariableTable
        {
            Entries =
            {
                [0] = new V2.DecisionVariable { Kind = V1.DecisionVariable.Types.Kind.Binary, Bound = binary },
                [1] = new V2.DecisionVariable { Kind = V1.DecisionVariable.Types.Kind.Binary, Bound = binary },
                [2] = new V2.DecisionVariable { Kind = V1.DecisionVariable.Types.Kind.Integer, Bound = new V1.Bound { Lower = 0, Upper = 4 } },
            },
            Labels = { [2] = new V2.ModelingLabel { Name = "y", Subscripts = { 2 } } },
            FixedValues = { [1] = 1 },
        };
        var constraints = new V2.RegularConstraintCollection
        {
            Active = { [7] = new V2.RegularConstraint { Equality = V1.Equality.LessThanOrEqualToZero, Function = Linear(-3, (0, 1), (2, 1)) } },
            Removed = { [8] = new V2.RegularConstraint { Equality = V1.Equality.LessThanOrEqualToZero, Function = Linear(-1, (2, 1)) } },
            RemovedReasons = { [8] = new V2.RemovedReason { Reason = "penalty", Parameters = { ["rho"] = "5" } } },
            Contexts = { [7] = new V2.ConstraintContext { Label = new V2.ModelingLabel { Name = "capacity", Description = "at most 3" } } },
        };
        return new V2.Instance
        {
            DecisionVariables = table,
            Objective = Linear(0, (0, 1), (2, 2)),
            RegularConstraints = constraints,
            Sense = V1.Instance.Types.Sense.Maximize,
            Description = new V1.Instance.Types.Description { Name = "v2 sample" },
            NamedFunctions = new V2.NamedFunctionTable
            {
                Entries = { [3] = new V2.NamedFunction { Function = Linear(0, (0, 1), (1, 1)) } },
                Labels = { [3] = new V2.ModelingLabel { Name = "count" } },
            },
            Annotations = { ["team"] = "optim" },
        };
    }

    [Fact]
    public void FromLayer_V2Instance_ReadsTablesLabelsAndConstraints()
    {
        var instance = Instance.FromLayer(MediaTypes.InstanceV2, SampleInstance().ToByteArray());

        Assert.Equal(ObjectiveSense.Maximize, instance.Sense);
        Assert.Equal([0UL, 1UL, 2UL], instance.DecisionVariables.Select(v => v.Id));
        Assert.Equal(1, instance.GetDecisionVariable(1).SubstitutedValue);
        Assert.Equal("y", instance.GetDecisionVariable(2).Name);
        Assert.Equal("capacity", instance.GetConstraint(7).Name);
        Assert.Equal("at most 3", instance.GetConstraint(7).Description);
        Assert.Equal("penalty", instance.RemovedConstraints.Single().Reason);
        Assert.Equal("5", instance.RemovedConstraints.Single().ReasonParameters["rho"]);
        Assert.Equal("count", instance.NamedFunctions.Single().Name);
        Assert.Equal("v2 sample", instance.Description!.Name);
        Assert.Equal("optim", instance.Annotations["team"]);
    }

    [Fact]
    public void FromV2Bytes_Instance_EvaluatesAndWritesV1()
    {
        var instance = Instance.FromV2Bytes(SampleInstance().ToByteArray());

        var solution = instance.Evaluate(new Dictionary<ulong, double> { [0] = 1, [2] = 2 });
        var v1 = Instance.FromBytes(instance.ToBytes());

        Assert.Equal(5, solution.Objective);
        Assert.Equal(1, solution.Value(1));
        Assert.False(solution.Feasible);
        Assert.True(solution.FeasibleRelaxed);
        Assert.Equal(instance.ToBytes(), v1.ToBytes());
        Assert.Equal("capacity", v1.GetConstraint(7).Name);
    }

    public static TheoryData<string, string> InstanceRejections() => new()
    {
        { "feature", "requires one-hot constraints" },
        { "unknown feature", "unknown feature 9" },
        { "indicator", "1 indicator constraints" },
        { "sense", "sense 0" },
        { "bound", "variable 2 has no bound" },
        { "table", "no decision_variables table" },
        { "fixed", "Undefined variable id 5" },
    };

    [Theory]
    [MemberData(nameof(InstanceRejections))]
    public void FromV2Bytes_UnsupportedOrInvalidInstance_ThrowsSayingWhy(string change, string expected)
    {
        var proto = SampleInstance();
        switch (change)
        {
            case "feature":
                proto.RequiredFeatures.Add(V2.Feature.ConstraintOneHot);
                break;
            case "unknown feature":
                proto.RequiredFeatures.Add((V2.Feature)9);
                break;
            case "indicator":
                proto.IndicatorConstraints = new V2.IndicatorConstraintCollection
                {
                    Active = { [9] = new V2.IndicatorConstraint { IndicatorVariable = 0, Equality = V1.Equality.EqualToZero, Function = Linear(0, (2, 1)) } },
                };
                break;
            case "sense":
                proto.Sense = V1.Instance.Types.Sense.Unspecified;
                break;
            case "bound":
                proto.DecisionVariables.Entries[2].Bound = null;
                break;
            case "table":
                proto.DecisionVariables = null;
                break;
            default:
                proto.DecisionVariables.FixedValues[5] = 1;
                break;
        }

        var error = Assert.ThrowsAny<ModelFormatException>(() => Instance.FromV2Bytes(proto.ToByteArray()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static V2.Solution SampleSolution(bool feasible)
    {
        return new V2.Solution
        {
            Objective = 5,
            DecisionVariables = new V2.EvaluatedDecisionVariableTable
            {
                Entries =
                {
                    [0] = new V2.EvaluatedDecisionVariable { Kind = V1.DecisionVariable.Types.Kind.Binary, Bound = new V1.Bound { Upper = 1 }, Value = 1 },
                    [2] = new V2.EvaluatedDecisionVariable { Kind = V1.DecisionVariable.Types.Kind.Integer, Bound = new V1.Bound { Upper = 4 }, Value = 2 },
                },
                Labels = { [2] = new V2.ModelingLabel { Name = "y" } },
            },
            EvaluatedRegularConstraints = new V2.EvaluatedRegularConstraintCollection
            {
                Entries =
                {
                    [7] = new V2.EvaluatedRegularConstraint { Equality = V1.Equality.LessThanOrEqualToZero, EvaluatedValue = 0, Feasible = true, UsedDecisionVariableIds = { 0, 2 }, DualVariable = 1.5 },
                    [8] = new V2.EvaluatedRegularConstraint { Equality = V1.Equality.LessThanOrEqualToZero, EvaluatedValue = 1, Feasible = false, UsedDecisionVariableIds = { 2 } },
                },
                RemovedReasons = { [8] = new V2.RemovedReason { Reason = "penalty" } },
            },
            Feasible = feasible,
            FeasibleRelaxed = true,
            Optimality = V1.Optimality.Optimal,
            Sense = V1.Instance.Types.Sense.Maximize,
            FeasibilityAtol = 1e-6,
        };
    }

    [Fact]
    public void FromLayer_V2Solution_ReadsValuesConstraintsAndFlags()
    {
        var solution = Solution.FromLayer(MediaTypes.SolutionV2, SampleSolution(feasible: false).ToByteArray());

        Assert.Equal(5, solution.Objective);
        Assert.Equal(2, solution.Value(2));
        Assert.Equal("y", solution.DecisionVariables[1].Name);
        Assert.Equal(1.5, solution.GetEvaluatedConstraint(7).DualVariable);
        Assert.True(solution.GetEvaluatedConstraint(8).IsRemoved);
        Assert.False(solution.Feasible);
        Assert.True(solution.FeasibleRelaxed);
        Assert.Equal(Optimality.Optimal, solution.Optimality);
        Assert.True(Solution.FromBytes(solution.ToBytes()).FeasibleRelaxed);
    }

    [Fact]
    public void FromV2Bytes_SolutionFlagContradictingValues_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() => Solution.FromV2Bytes(SampleSolution(feasible: true).ToByteArray()));

        Assert.Contains("feasible = True", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromV2Bytes_ConstraintFeasibleContradictingValue_Throws()
    {
        var proto = SampleSolution(feasible: false);
        proto.EvaluatedRegularConstraints.Entries[7].Feasible = false;

        var error = Assert.Throws<ModelFormatException>(() => Solution.FromV2Bytes(proto.ToByteArray()));

        Assert.Contains("constraint 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLayer_V2SampleSet_ReadsSamplesAndFlags()
    {
        var values = new V1.SampledValues { Entries = { new V1.SampledValues.Types.SampledValuesEntry { Value = 1, Ids = { 0, 1 } } } };
        var proto = new V2.SampleSet
        {
            Objectives = values,
            DecisionVariables = new V2.SampledDecisionVariableTable
            {
                Entries = { [0] = new V2.SampledDecisionVariable { Kind = V1.DecisionVariable.Types.Kind.Binary, Bound = new V1.Bound { Upper = 1 }, Samples = values } },
            },
            SampledRegularConstraints = new V2.SampledRegularConstraintCollection
            {
                Entries =
                {
                    [0] = new V2.SampledRegularConstraint
                    {
                        Equality = V1.Equality.LessThanOrEqualToZero,
                        EvaluatedValues = new V1.SampledValues { Entries = { new V1.SampledValues.Types.SampledValuesEntry { Value = 0, Ids = { 0, 1 } } } },
                        Feasible = { [0] = true, [1] = true },
                    },
                },
            },
            Feasible = { [0] = true, [1] = true },
            Sense = V1.Instance.Types.Sense.Minimize,
        };

        var sampleSet = SampleSet.FromLayer(MediaTypes.SampleSetV2, proto.ToByteArray());

        Assert.Equal([0UL, 1UL], sampleSet.SampleIds.ToArray());
        Assert.True(sampleSet.Feasible[1]);
        Assert.Equal(1, sampleSet.DecisionVariables.Single().Samples[1]);
        Assert.Equal(0UL, sampleSet.BestFeasibleSampleId);
    }
}
