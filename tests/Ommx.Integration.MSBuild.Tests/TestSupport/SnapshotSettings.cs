using System.Runtime.CompilerServices;

namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>
/// Snapshots are committed: a missing snapshot fails (Snapshooter's strict mode) unless a developer sets
/// <c>OMMX_UPDATE_SNAPSHOTS=1</c> to create new ones on purpose.
/// </summary>
internal static class SnapshotSettings
{
    [ModuleInitializer]
    internal static void StrictUnlessUpdating()
    {
        if (Environment.GetEnvironmentVariable("OMMX_UPDATE_SNAPSHOTS") is not { Length: > 0 })
        {
            Environment.SetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE", "true");
        }
    }
}
