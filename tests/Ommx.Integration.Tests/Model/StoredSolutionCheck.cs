using Ommx.Integration.Model;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Model;

/// <summary>
/// The acceptance check for one real archive: decode Instance and Solution, re-encode both
/// byte-identically, re-evaluate the stored state and compare objective, every constraint and the flags.
/// Returns a description of the first difference, or null.
/// </summary>
public static class StoredSolutionCheck
{
    public static string? Run(IReadOnlyList<(string MediaType, byte[] Bytes)> layers)
    {
        var instanceBytes = OmmxArchiveLayers.Single(layers, MediaTypes.InstanceV1);
        var solutionBytes = OmmxArchiveLayers.Single(layers, MediaTypes.SolutionV1);
        var instance = Instance.FromBytes(instanceBytes);
        var stored = Solution.FromBytes(solutionBytes);
        if (!instance.ToBytes().AsSpan().SequenceEqual(instanceBytes))
        {
            return "Instance re-encoding differs";
        }

        if (!stored.ToBytes().AsSpan().SequenceEqual(solutionBytes))
        {
            return "Solution re-encoding differs";
        }

        var evaluated = instance.Evaluate(stored.State);
        if (BitConverter.DoubleToInt64Bits(evaluated.Objective) != BitConverter.DoubleToInt64Bits(stored.Objective))
        {
            return $"objective {evaluated.Objective:R} vs stored {stored.Objective:R}";
        }

        if (evaluated.Feasible != stored.Feasible || evaluated.FeasibleRelaxed != stored.FeasibleRelaxed)
        {
            return $"flags {evaluated.Feasible}/{evaluated.FeasibleRelaxed} vs stored {stored.Feasible}/{stored.FeasibleRelaxed}";
        }

        if (evaluated.EvaluatedConstraints.Count != stored.EvaluatedConstraints.Count)
        {
            return $"{evaluated.EvaluatedConstraints.Count} constraints vs stored {stored.EvaluatedConstraints.Count}";
        }

        foreach (var expected in stored.EvaluatedConstraints)
        {
            var actual = evaluated.GetEvaluatedConstraint(expected.Id);
            if (BitConverter.DoubleToInt64Bits(actual.EvaluatedValue) != BitConverter.DoubleToInt64Bits(expected.EvaluatedValue))
            {
                return $"constraint {expected.Id}: {actual.EvaluatedValue:R} vs stored {expected.EvaluatedValue:R}";
            }

            if (actual.Feasible != expected.Feasible || actual.Equality != expected.Equality || actual.Name != expected.Name
                || !actual.Subscripts.SequenceEqual(expected.Subscripts) || !actual.UsedDecisionVariableIds.SequenceEqual(expected.UsedDecisionVariableIds))
            {
                return $"constraint {expected.Id}: feasibility, equality, labels or used ids differ";
            }
        }

        foreach (var variable in stored.DecisionVariables)
        {
            if (BitConverter.DoubleToInt64Bits(evaluated.Value(variable.Id)) != BitConverter.DoubleToInt64Bits(stored.Value(variable.Id)))
            {
                return $"variable {variable.Id}: {evaluated.Value(variable.Id):R} vs stored {stored.Value(variable.Id):R}";
            }
        }

        // Our writer produces the message OMMX wrote: every field equal (doubles bit for bit), maps
        // compared as maps because OMMX writes them in hash order.
        var written = Ommx.Integration.Model.Protos.V1.Solution.Parser.ParseFrom(evaluated.ToBytes());
        if (!written.Equals(Ommx.Integration.Model.Protos.V1.Solution.Parser.ParseFrom(solutionBytes)))
        {
            return "the evaluated Solution does not encode to the stored message";
        }

        return null;
    }
}
