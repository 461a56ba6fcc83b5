using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Experiments;

/// <summary>What recovering one expired writer lease did.</summary>
internal sealed record StaleWriterOutcome(LeaseInfo Lease, StaleWriterAction Action, string Message)
{
    /// <summary>The interrupted checkpoint written, when <see cref="Action"/> is <see cref="StaleWriterAction.Interrupted"/>.</summary>
    public Oci.Descriptor? Checkpoint { get; init; }

    /// <summary>Runs that were open (announced, never closed) when the writer stopped.</summary>
    public IReadOnlyList<OpenRunInfo> OpenRuns { get; init; } = [];

    public int RunCount { get; init; }
}
