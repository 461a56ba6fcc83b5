using Ommx.Integration.Model.Wire;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Model;

/// <summary>
/// The objective and the stored feasibility flags of a Solution layer (v1 or v2), read with the Model's own
/// codecs but without re-evaluating its values: enough to list a Solve, cheap, and tolerant of Solutions a
/// full read would reject. <see cref="FeasibleRelaxed"/> is <c>null</c> when a v2 Solution does not say.
/// </summary>
internal sealed record SolutionSummary(double Objective, bool Feasible, bool? FeasibleRelaxed)
{
    /// <summary>The summary of a Solution layer, or <c>null</c> when the media type is not a Solution's or the bytes do not decode.</summary>
    public static SolutionSummary? TryRead(string mediaType, ReadOnlySpan<byte> bytes)
    {
        try
        {
            switch (mediaType)
            {
                case MediaTypes.SolutionV1:
                    var v1 = Instance.Parse(Protos.V1.Solution.Parser, bytes, "Solution");
                    var (all, relaxed) = SolutionV1Codec.StoredFlags(v1);
                    return new SolutionSummary(v1.Objective, all, relaxed);
                case MediaTypes.SolutionV2:
                    var v2 = Instance.Parse(Protos.V2.Solution.Parser, bytes, "v2 Solution");
                    return new SolutionSummary(v2.Objective, v2.Feasible, v2.HasFeasibleRelaxed ? v2.FeasibleRelaxed : null);
                default:
                    return null;
            }
        }
        catch (ModelFormatException)
        {
            return null;
        }
    }
}
