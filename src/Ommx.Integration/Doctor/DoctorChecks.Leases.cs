using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Doctor;

internal static partial class DoctorChecks
{
    /// <summary>Expired writer leases (process gone, or no heartbeat within the expiry): fixable by recovering their recordings.</summary>
    public static void Leases(LocalRegistry registry, DoctorScan scan)
    {
        var leases = registry.ListLeases();
        scan.LiveLeases = leases.Count(l => !l.IsExpired);
        scan.ExpiredLeases = leases.Count(l => l.IsExpired);
        foreach (var lease in leases)
        {
            if (lease.Subject is not null)
            {
                scan.LeasedNames.Add(lease.Subject);
            }

            if (lease.IsExpired && !(lease.Kind == LeaseKind.TestSession && lease.Subject is { } name && scan.SessionNames.Contains(name)))
            {
                scan.Problems.Add(new DoctorProblem(DoctorProblemKind.ExpiredLease, lease.Id, $"{LeaseDescription.Of(lease)}: {lease.ExpiryReason}")
                {
                    Fixable = true,
                    Hint = "--fix " + StaleWriterRecovery.Plan(registry, lease),
                });
            }
        }
    }
}
