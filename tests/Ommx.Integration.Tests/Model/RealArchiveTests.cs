using Ommx.Integration.Model;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Model;

/// <summary>The real archives in tests/data/real (see its README for their origin).</summary>
public sealed class RealArchiveTests
{
    public static TheoryData<string> ArchivesWithSolutions()
    {
        var names = new TheoryData<string>();
        foreach (var path in TestPaths.RealArchives())
        {
            if (OmmxArchiveLayers.Read(path).Any(l => l.MediaType == MediaTypes.SolutionV1))
            {
                names.Add(Path.GetFileName(path));
            }
        }

        return names;
    }

    [Fact]
    public void RealData_Listing_HasFourteenSolutionArchives()
    {
        Assert.Equal(14, ArchivesWithSolutions().Count);
    }

    [Theory]
    [MemberData(nameof(ArchivesWithSolutions))]
    public void RealArchive_DecodeReencodeEvaluate_ReproducesStoredSolution(string name)
    {
        var failure = StoredSolutionCheck.Run(OmmxArchiveLayers.Read(TestPaths.RealArchive(name)));

        Assert.Null(failure);
    }

    [Fact]
    public void RandomLpInstance_Decode_ReadsVariablesConstraintsAndSense()
    {
        var bytes = OmmxArchiveLayers.Single(OmmxArchiveLayers.Read(TestPaths.RealArchive("random_lp_instance.ommx")), MediaTypes.InstanceV1);

        var instance = Instance.FromBytes(bytes);

        Assert.Equal(5, instance.DecisionVariables.Count);
        Assert.All(instance.DecisionVariables, v =>
        {
            Assert.Equal(VariableKind.Continuous, v.Kind);
            Assert.Equal(Bound.NonNegative, v.Bound);
            Assert.Equal("x", v.Name);
        });
        Assert.Equal(1, instance.Objective.Degree);
        Assert.Equal(5, instance.Objective.Terms.Length);
        Assert.Equal(7, instance.Constraints.Count);
        Assert.All(instance.Constraints, c => Assert.Equal(ConstraintEquality.EqualToZero, c.Equality));
        Assert.Equal(ObjectiveSense.Minimize, instance.Sense);
        Assert.Equal(bytes, instance.ToBytes());
    }

    [Fact]
    public void RandomLpInstance_SolvedAtOrigin_ReportsViolatedEqualities()
    {
        var bytes = OmmxArchiveLayers.Single(OmmxArchiveLayers.Read(TestPaths.RealArchive("random_lp_instance.ommx")), MediaTypes.InstanceV1);
        var instance = Instance.FromBytes(bytes);

        var solution = instance.Evaluate(instance.DecisionVariables.ToDictionary(v => v.Id, _ => 0.0));

        Assert.Equal(0, solution.Objective);
        Assert.False(solution.Feasible);
        Assert.All(solution.EvaluatedConstraints, c => Assert.Equal(instance.GetConstraint(c.Id).Function.Constant, c.EvaluatedValue));
    }

    [Fact]
    public void LegacyRandomLpInstance_Decode_RejectsNamingTheUndefinedVariableId()
    {
        var bytes = OmmxArchiveLayers.Single(OmmxArchiveLayers.Read(TestPaths.RealArchive("random_lp_instance.2024-05-17.ommx")), MediaTypes.InstanceV1);

        var error = Assert.Throws<UndefinedVariableException>(() => Instance.FromBytes(bytes));

        Assert.Equal(0UL, error.VariableId);
        Assert.Contains("Undefined variable id 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("the objective", error.Message, StringComparison.Ordinal);
    }
}
