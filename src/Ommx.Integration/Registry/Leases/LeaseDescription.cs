using System.Globalization;

namespace Ommx.Integration.Registry.Leases;

/// <summary>How reports name a writer lease: kind, id, owning process and what it works on.</summary>
internal static class LeaseDescription
{
    public static string Of(LeaseInfo lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return $"{LeaseStore.KindText(lease.Kind)} lease {lease.Id} (pid {lease.ProcessId.ToString(CultureInfo.InvariantCulture)} on {lease.HostName}"
            + (lease.Subject is null ? ")" : $", {lease.Subject})");
    }
}
