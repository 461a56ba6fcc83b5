namespace Ommx.Integration.Tests.Registry.FaultInjection;

/// <summary>What one <see cref="RegistryAudit"/> verified, and what it found lost (must be empty).</summary>
internal sealed record AuditResult(int CommittedExperiments, int ClosedRuns, long BlobsChecked, int LeftoversFixed, IReadOnlyList<string> Lost);
