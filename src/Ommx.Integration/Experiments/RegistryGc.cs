using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.Experiments;

/// <summary>
/// Garbage collection of a Local Registry that Experiments record into: in delete mode, first recover the
/// recordings of expired writers into interrupted checkpoints (<see cref="StaleWriterRecovery"/>, under the GC
/// exclusion lock), then collect with the Run journals as roots. The registry's GC engine
/// (<see cref="GarbageCollector"/>) knows neither; this is where the two meet.
/// </summary>
internal static class RegistryGc
{
    public static RegistryGcReport Run(LocalRegistry registry, GcOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<StaleWriterOutcome> recovered = [];
        var report = GarbageCollector.Run(
            registry,
            options,
            RunJournalFiles.GcRoots,
            options.RecoverStaleWriters ? () => recovered = StaleWriterRecovery.RecoverAll(registry) : null);
        return new RegistryGcReport(report) { RecoveredWriters = recovered };
    }
}
