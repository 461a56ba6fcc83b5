using Ommx.Integration.Experiments;

namespace Ommx.Integration.Testing.Resume;

/// <summary>
/// Which cases an Experiment restored from a failed or interrupted checkpoint (<see cref="Experiment.RestoreFromCheckpoint(Registry.LocalRegistry, string)"/>)
/// still has to run. A case is keyed as <c>ommx diff</c> keys it: the Run's <c>test.id</c> parameter (log one per case),
/// else its non-float parameters. It passed when one of its Runs closed finished (and, for a recorded test, with
/// <c>test.outcome</c> <c>passed</c>); a Run closed with <c>Fail</c> or <c>Interrupt</c>, or a Run the crash left open, did not.
/// </summary>
public static class ResumableCases
{
    /// <summary>The keys of the cases that passed, in run order.</summary>
    public static IReadOnlyList<string> Passed(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return ResumePlan.CasesOf(experiment.ClosedRuns).Where(c => c.Passed).Select(c => c.Key).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Of <paramref name="caseKeys"/>, in their order, those with no passed Run: what is left to run.</summary>
    public static IReadOnlyList<string> Remaining(Experiment experiment, IEnumerable<string> caseKeys)
    {
        ArgumentNullException.ThrowIfNull(caseKeys);
        var passed = Passed(experiment).ToHashSet(StringComparer.Ordinal);
        return caseKeys.Where(k => !passed.Contains(k)).ToList();
    }
}
