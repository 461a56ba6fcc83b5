using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>How a GC pass runs. Dry run with a 24 h grace period by default.</summary>
internal sealed record GcOptions
{
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromHours(24);

    /// <summary>Unreachable blobs younger than this are deferred, not deleted.</summary>
    public TimeSpan GracePeriod { get; init; } = DefaultGracePeriod;

    /// <summary>Delete orphan candidates (and stale temp files); otherwise only report.</summary>
    public bool Delete { get; init; }

    /// <summary>Extra roots (manifests or plain blobs) kept alive regardless of refs.</summary>
    public IReadOnlyList<Digest> ProtectedDigests { get; init; } = [];

    /// <summary>
    /// In delete mode, first turn the recordings of expired writer leases into interrupted checkpoints (default on).
    /// Read by <c>Experiments.RegistryGc</c>, which owns that recovery; the engine itself only runs the step it is handed.
    /// </summary>
    public bool RecoverStaleWriters { get; init; } = true;

    /// <summary>Candidates re-checked (leases, then refs, then journals) per hold of <c>blobs/.lock</c>.</summary>
    public int SweepBatchSize { get; init; } = 64;

    /// <summary>Test seam: runs before each sweep batch takes <c>blobs/.lock</c> (with the batch index), to publish or lease "concurrently".</summary>
    internal Action<int>? BeforeSweepBatch { get; init; }
}
