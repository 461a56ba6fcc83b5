using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Testing.Sessions;

/// <summary>
/// The build process that owns a test session, named the way writer leases name their process (pid plus
/// a start token, see <see cref="ProcessIdentity"/>), so a recycled pid does not look like the owner.
/// </summary>
internal sealed record OwnerProcess(string Host, int ProcessId, string StartToken)
{
    public static OwnerProcess Current() => new(ProcessIdentity.CurrentHost, ProcessIdentity.CurrentPid, ProcessIdentity.CurrentStartToken);

    /// <summary>Whether the process still runs. A process on another host is assumed alive (nothing here can tell).</summary>
    public bool IsAlive() =>
        !string.Equals(Host, ProcessIdentity.CurrentHost, StringComparison.Ordinal) || ProcessIdentity.IsAlive(ProcessId, StartToken);
}
