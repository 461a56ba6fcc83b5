using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Leases;

public sealed class LeaseTests : IDisposable
{
    private static readonly GcOptions DeleteNow = new() { Delete = true, GracePeriod = TimeSpan.Zero };
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Experiment_Recording_LeaseInSeparateFileWithItsDigests_IndexSchemaUntouched()
    {
        using var experiment = Experiment.Create(Registry, "example.com/lease/schema:v1");
        using (var run = experiment.Run())
        {
            run.LogText("a.txt", "payload");
        }

        var lease = Assert.Single(Registry.ListLeases());
        Assert.Equal(experiment.LeaseId, lease.Id);
        Assert.Equal(LeaseKind.Experiment, lease.Kind);
        Assert.Equal("example.com/lease/schema:v1", lease.Subject);
        Assert.Equal(Environment.ProcessId, lease.ProcessId);
        Assert.Equal(LeaseState.Live, lease.State);
        Assert.True(lease.DigestCount >= 1);
        Assert.True(File.Exists(Path.Combine(temp.Root, ".ommx-integration", "leases.sqlite3")));
        var tables = new List<string>();
        using (var connection = SqliteTestHelpers.Open(temp.Root))
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["artifact_manifests", "experiment_configs", "ommx_local_registry_metadata", "refs"], tables);

        experiment.Commit();
        Assert.Empty(Registry.ListLeases());
    }

    [Fact]
    public void Gc_ZeroGrace_KeepsBlobOfLiveLeaseUntilReleased()
    {
        using var writer = temp.OpenAnother();
        var lease = writer.AcquireLease(LeaseKind.Pull, "example.com/lease/pull:v1");
        var leased = writer.Blobs.Put("pulled but not yet published"u8, lease);
        var unleased = writer.Blobs.Put("nobody wants this"u8);

        var report = RegistryGc.Run(Registry, DeleteNow);

        Assert.True(Registry.Blobs.Exists(leased));
        Assert.False(Registry.Blobs.Exists(unleased));
        Assert.Contains(report.Roots, r => r.Kind == GcReferenceKind.LeasedDigest && r.Digest == leased);
        Assert.Equal(1, Assert.Single(report.Leases).DigestCount);

        lease.Dispose();
        var after = RegistryGc.Run(Registry, DeleteNow);
        Assert.Contains(after.DeletedBlobs, b => b.Digest == leased);
        Assert.False(Registry.Blobs.Exists(leased));
    }

    [Fact]
    public void Gc_WriterKilled_LeaseExpiredDraftBecomesInterruptedCheckpoint()
    {
        string[] parts;
        using (var worker = WorkerProcess.Start("experiment-hold", temp.Root, "example.com/lease/killed:v1", "3"))
        {
            worker.WaitForLines(1, TimeSpan.FromSeconds(60));
            worker.Kill();
            parts = Assert.Single(worker.Lines).Split(' ');
        }

        var (leaseId, orphan) = (parts[1], Digest.Parse(parts[2]));

        var dry = RegistryGc.Run(Registry, new GcOptions { GracePeriod = TimeSpan.Zero });
        var expired = Assert.Single(dry.ExpiredLeases);
        Assert.Equal(leaseId, expired.Id);
        Assert.Equal(LeaseState.ProcessGone, expired.State);
        Assert.Contains("is gone", expired.ExpiryReason, StringComparison.Ordinal);
        Assert.DoesNotContain(dry.Roots, r => r.Kind == GcReferenceKind.LeasedDigest);

        var report = RegistryGc.Run(Registry, DeleteNow);

        var outcome = Assert.Single(report.RecoveredWriters);
        Assert.Equal(StaleWriterAction.Interrupted, outcome.Action);
        Assert.Equal(3, outcome.RunCount);
        Assert.Equal("stuck", Assert.Single(outcome.OpenRuns).Label);
        Assert.Empty(Registry.ListLeases());
        // The stuck Run's attachment was leased, never journalled: once the lease is gone it is garbage.
        Assert.Contains(report.DeletedBlobs, b => b.Digest == orphan);
        using var restored = Experiment.RestoreFromCheckpoint(Registry, "example.com/lease/killed:v1");
        Assert.Equal([0UL, 1UL, 2UL], restored.Runs.Select(r => r.Id));
        var checkpoint = Assert.Single(ExperimentCatalog.ListCheckpoints(Registry, null, [ExperimentStatus.Interrupted]).Checkpoints);
        using var interrupted = Experiment.Load(Registry, checkpoint.ImageName);
        Assert.Equal(ExperimentStatus.Interrupted, interrupted.Status);
        Assert.Contains($"writer process {expired.ProcessId}", interrupted.LifecycleReason, StringComparison.Ordinal);
        Assert.Contains("#3 stuck", interrupted.LifecycleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lease_SilentPastExpiry_ExpiredThenRenewedUnderNewIdWhenReclaimed()
    {
        using var writer = temp.OpenAnother();
        writer.LeaseOptions = new LeaseOptions { Expiry = TimeSpan.FromMilliseconds(150), HeartbeatInterval = TimeSpan.FromHours(1) };
        using var lease = writer.AcquireLease(LeaseKind.Import, "/data/archive.ommx");
        var digest = writer.Blobs.Put("imported"u8, lease);
        var firstId = lease.Id;
        Thread.Sleep(400);

        var silent = Assert.Single(Registry.ListLeases());
        Assert.Equal(LeaseState.HeartbeatExpired, silent.State);
        Assert.Contains("sent no heartbeat", silent.ExpiryReason, StringComparison.Ordinal);

        lease.Beat();
        Assert.Equal(LeaseState.Live, Assert.Single(Registry.ListLeases()).State);
        Thread.Sleep(400);
        var recovered = StaleWriterRecovery.RecoverAll(Registry);
        Assert.Equal(StaleWriterAction.Removed, Assert.Single(recovered).Action);
        Assert.Empty(Registry.ListLeases());

        lease.Beat();
        Assert.Equal(1, lease.Renewals);
        Assert.NotEqual(firstId, lease.Id);
        var renewed = Assert.Single(Registry.ListLeases());
        Assert.Equal(lease.Id, renewed.Id);
        Assert.Equal(1, renewed.DigestCount);
        RegistryGc.Run(Registry, DeleteNow with { RecoverStaleWriters = false });
        Assert.True(Registry.Blobs.Exists(digest));
    }

    [Fact]
    public void LeaseInfo_PidReusedByAnotherProcess_ProcessGone()
    {
        using var lease = Registry.AcquireLease(LeaseKind.Pull);
        var info = Assert.Single(Registry.ListLeases());
        Assert.Equal(LeaseState.Live, info.State);

        var reused = (info with { ProcessStart = info.ProcessStart + "0" }).Evaluate(DateTimeOffset.UtcNow);

        Assert.Equal(LeaseState.ProcessGone, reused.State);
    }

    [Fact]
    public void Heartbeat_Timer_UpdatesRow()
    {
        using var writer = temp.OpenAnother();
        writer.LeaseOptions = new LeaseOptions { Expiry = TimeSpan.FromMinutes(1), HeartbeatInterval = TimeSpan.FromMilliseconds(50) };
        using var lease = writer.AcquireLease(LeaseKind.Experiment, "example.com/lease/beat:v1");
        var started = Assert.Single(Registry.ListLeases()).HeartbeatAt;

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Assert.Single(Registry.ListLeases()).HeartbeatAt == started && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.True(Assert.Single(Registry.ListLeases()).HeartbeatAt > started);
    }

    public void Dispose() => temp.Dispose();
}
