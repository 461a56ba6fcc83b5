using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary><c>ommx gc</c> and <c>ommx doctor</c> with a writer whose lease went silent (no heartbeat within its expiry).</summary>
public sealed class LeaseCommandTests : IDisposable
{
    private const string Name = "example.com/tool/silent:v1";
    private readonly TempRegistryRoot registry = new();
    private LocalRegistry? writer;
    private Experiment? silent;

    [Fact]
    public void Doctor_SilentWriter_ExpiredLeaseReportedThenRecoveredByFix()
    {
        var leaseId = StartSilentWriter();

        var check = registry.Ommx("doctor", "--quick");
        var fix = registry.Ommx("doctor", "--quick", "--fix");
        var after = registry.Ommx("doctor", "--quick", "--json").Json();

        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"       Lease {leaseId}: experiment lease {leaseId} (pid {Environment.ProcessId} on {Environment.MachineName}, {Name}): writer process", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("sent no heartbeat since", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, fix.ExitCode);
        Assert.Contains($"       Fixed expired lease: {leaseId}\n", fix.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, after.GetProperty("checked").GetProperty("expired_leases").GetInt32());
        using var local = LocalRegistry.Open(registry.Root);
        var checkpoint = Assert.Single(ExperimentCatalog.ListCheckpoints(local, null, [ExperimentStatus.Interrupted]).Checkpoints);
        Assert.Equal(2, checkpoint.RunCount);
    }

    [Fact]
    public void Gc_DeleteWithSilentWriter_PrintsExpiredLeaseAndInterruptedCheckpoint()
    {
        var leaseId = StartSilentWriter();

        var dry = registry.Ommx("gc", "--grace-period", "0s");
        var delete = registry.Ommx("gc", "--delete", "--grace-period", "0s", "--json").Json();

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("     Expired 1 writer lease(s) no longer protect anything\n", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  experiment lease {leaseId}", dry.Stdout, StringComparison.Ordinal);
        var recovered = delete.GetProperty("recovered_writers")[0];
        Assert.Equal(leaseId, recovered.GetProperty("lease_id").GetString());
        Assert.Equal("recovered", recovered.GetProperty("action").GetString());
        Assert.StartsWith("sha256:", recovered.GetProperty("checkpoint").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Records two Runs with a lease that expires after 50 ms and never beats again (this process stays alive).</summary>
    private string StartSilentWriter()
    {
        writer = LocalRegistry.Open(registry.Root);
        writer.LeaseOptions = new LeaseOptions { Expiry = TimeSpan.FromMilliseconds(50), HeartbeatInterval = TimeSpan.FromHours(1) };
        silent = Experiment.Create(writer, Name);
        for (var i = 0; i < 2; i++)
        {
            using var run = silent.Run();
            run.LogText("note.txt", "run " + i);
        }

        Thread.Sleep(200);
        return silent.LeaseId!;
    }

    public void Dispose()
    {
        silent?.Dispose();
        writer?.Dispose();
        registry.Dispose();
    }
}
