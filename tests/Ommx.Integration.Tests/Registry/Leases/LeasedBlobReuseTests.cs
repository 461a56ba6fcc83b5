using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Leases;

/// <summary>
/// A blob this process stored under a writer lease that is certainly live is not locked, re-hashed and touched again
/// when the same bytes are put once more (a test writing the same output in every test): GC deletes nothing a live
/// lease holds. Anything less certain takes the store's reuse path as before.
/// </summary>
public sealed class LeasedBlobReuseTests : IDisposable
{
    private static readonly GcOptions DeleteNow = new() { Delete = true, GracePeriod = TimeSpan.Zero };
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Put_SameBytesAgainUnderTheLiveLease_NeedsNotTheStoreLock_AndGcKeepsTheBlob()
    {
        using var lease = Registry.AcquireLease(LeaseKind.Experiment, "example.com/reuse/live:v1");
        var digest = Registry.Blobs.Put("the same output in every test"u8, lease);

        // With the store lock held elsewhere the reuse path would wait for it.
        Assert.Equal(digest, PutWhileTheStoreLockIsHeld(() => Registry.Blobs.Put("the same output in every test"u8, lease)));
        RegistryGc.Run(Registry, DeleteNow);
        Assert.Equal("the same output in every test"u8.ToArray(), Registry.Blobs.Read(digest));
    }

    [Fact]
    public void Put_SameBytesWithoutLeaseOrWithAnotherLease_TakesTheReusePath()
    {
        using var lease = Registry.AcquireLease(LeaseKind.Experiment, "example.com/reuse/other:v1");
        using var other = Registry.AcquireLease(LeaseKind.Experiment, "example.com/reuse/other:v2");
        Registry.Blobs.Put("stored under one lease"u8, lease);

        AssertWaitsForTheStoreLock(() => Registry.Blobs.Put("stored under one lease"u8));
        AssertWaitsForTheStoreLock(() => Registry.Blobs.Put("stored under one lease"u8, other));
    }

    [Fact]
    public void Put_LeaseNotConfirmedForHalfItsExpiry_TakesTheReusePath()
    {
        Registry.LeaseOptions = new LeaseOptions { Expiry = TimeSpan.FromMilliseconds(200), HeartbeatInterval = TimeSpan.FromHours(1) };
        using var lease = Registry.AcquireLease(LeaseKind.Experiment, "example.com/reuse/stale:v1");
        Registry.Blobs.Put("stored before a stall"u8, lease);
        Thread.Sleep(300);

        // A GC may judge the lease expired now and delete its blobs: the put verifies and touches under the lock.
        AssertWaitsForTheStoreLock(() => Registry.Blobs.Put("stored before a stall"u8, lease));
    }

    [Fact]
    public void Put_BlobFileGoneMeanwhile_WrittenAgain()
    {
        using var lease = Registry.AcquireLease(LeaseKind.Experiment, "example.com/reuse/gone:v1");
        var digest = Registry.Blobs.Put("deleted behind the writer's back"u8, lease);
        File.Delete(Registry.Blobs.PathFor(digest));

        Assert.Equal(digest, Registry.Blobs.Put("deleted behind the writer's back"u8, lease));

        Assert.Equal("deleted behind the writer's back"u8.ToArray(), Registry.Blobs.Read(digest));
    }

    private Digest PutWhileTheStoreLockIsHeld(Func<Digest> put)
    {
        using (Registry.Blobs.AcquireLock())
        {
            var task = Task.Run(put);
            Assert.True(task.Wait(TimeSpan.FromSeconds(10)), "the repeated put waited for blobs/.lock");
            return task.Result;
        }
    }

    private void AssertWaitsForTheStoreLock(Action put)
    {
        Task task;
        using (Registry.Blobs.AcquireLock())
        {
            task = Task.Run(put);
            Assert.False(task.Wait(TimeSpan.FromMilliseconds(500)), "the put did not wait for blobs/.lock");
        }

        Assert.True(task.Wait(TimeSpan.FromSeconds(30)));
    }

    public void Dispose() => temp.Dispose();
}
