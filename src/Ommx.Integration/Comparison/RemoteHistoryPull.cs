using Ommx.Integration.Distribution;

namespace Ommx.Integration.Comparison;

/// <summary>What <see cref="RemoteHistory.Pull"/> did: how many tags the registry listed, which were pulled, which failed.</summary>
internal sealed record RemoteHistoryPull(string Repository, int Listed, IReadOnlyList<PullResult> Pulled, IReadOnlyList<RemoteTagFailure> Failed)
{
    /// <summary>Pulled Experiments that were not here before.</summary>
    public int Transferred => Pulled.Count(p => p.Outcome != Registry.PublishOutcome.Unchanged);
}
