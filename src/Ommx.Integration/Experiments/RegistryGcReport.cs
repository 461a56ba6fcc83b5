using System.Diagnostics.CodeAnalysis;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.Experiments;

/// <summary>A GC pass over a registry Experiments write into: the engine's report plus the stale writers recovered first.</summary>
internal sealed record RegistryGcReport : GcReport
{
    [SetsRequiredMembers]
    public RegistryGcReport(GcReport collected)
        : base(collected)
    {
    }

    /// <summary>Expired leases resolved before marking (delete mode): drafts turned into interrupted checkpoints, leases removed.</summary>
    public IReadOnlyList<StaleWriterOutcome> RecoveredWriters { get; init; } = [];
}
