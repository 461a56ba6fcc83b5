using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Tests.TestSupport;
using static Ommx.Integration.Tests.Registry.SqliteTestHelpers;

namespace Ommx.Integration.Tests.Registry.Gc;

public sealed class GarbageCollectorTests : IDisposable
{
    private static readonly GcOptions NoGrace = new() { GracePeriod = TimeSpan.Zero };
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Run_EmptyRegistry_ReportsNothing()
    {
        var report = RegistryGc.Run(Registry, new GcOptions());

        Assert.Equal(temp.Root, report.Root);
        Assert.False(report.DeleteApplied);
        Assert.Empty(report.Roots);
        Assert.Empty(report.ReachableBlobs);
        Assert.Empty(report.OrphanCandidates);
        Assert.Empty(report.DeferredBlobs);
        Assert.Empty(report.DeletedBlobs);
    }

    [Fact]
    public void Run_NoGrace_SplitsReachableFromOrphans()
    {
        temp.Commit("example.com/ommx/gc:latest", "reachable-layer"u8.ToArray());
        var orphan = Registry.Blobs.Put("orphan-layer"u8);

        var report = RegistryGc.Run(Registry, NoGrace);

        Assert.Contains(report.ReachableBlobs, b => b.Digest == Digest.Compute("reachable-layer"u8));
        Assert.Equal([orphan], report.OrphanCandidates.Select(b => b.Digest));
        Assert.Empty(report.DeferredBlobs);
        Assert.Empty(report.MissingBlobs);
        Assert.Empty(report.InvalidManifests);
        Assert.Equal("example.com/ommx/gc:latest", report.Roots.Single().ImageName);
    }

    [Fact]
    public void Run_DefaultGrace_FreshOrphanDeferred()
    {
        var orphan = Registry.Blobs.Put("fresh"u8);

        var report = RegistryGc.Run(Registry, new GcOptions());

        Assert.Equal([orphan], report.DeferredBlobs.Select(b => b.Digest));
        Assert.Empty(report.OrphanCandidates);
    }

    [Fact]
    public void Run_SubjectOfUnreferencedParent_KeepsParentClosureReachable()
    {
        var parent = temp.Commit("example.com/ommx/parent:latest", "parent-layer"u8.ToArray());
        Registry.Remove(ImageReference.Parse("example.com/ommx/parent:latest"));
        var child = TempRegistry.StoreArtifact(Registry, ["child-layer"u8.ToArray()], subject: parent);
        Registry.Publish(ImageReference.Parse("example.com/ommx/child:latest"), child.Digest);

        var report = RegistryGc.Run(Registry, NoGrace);

        Assert.Contains(report.ReachableBlobs, b => b.Digest == parent.Digest);
        Assert.Contains(report.ReachableBlobs, b => b.Digest == Digest.Compute("parent-layer"u8));
        Assert.Empty(report.OrphanCandidates);
    }

    [Fact]
    public void Run_Delete_RemovesOrphanKeepsReferencedAndTakesExclusionLock()
    {
        temp.Commit("example.com/ommx/gc:latest", "kept"u8.ToArray());
        var orphan = Registry.Blobs.Put("orphan"u8);

        var report = RegistryGc.Run(Registry, NoGrace with { Delete = true });

        Assert.True(report.DeleteApplied);
        Assert.Equal([orphan], report.DeletedBlobs.Select(b => b.Digest));
        Assert.False(Registry.Blobs.Exists(orphan));
        Assert.True(Registry.Blobs.Exists(Digest.Compute("kept"u8)));
        Assert.True(File.Exists(Path.Combine(temp.Root, ".gc-exclusion.lock")));
        Assert.Empty(RegistryGc.Run(Registry, NoGrace).OrphanCandidates);
    }

    [Fact]
    public void Run_Delete_OldOrphanDeletedAndFutureMtimeDeferred()
    {
        var orphan = Registry.Blobs.Put("touched"u8);
        File.SetLastWriteTimeUtc(Registry.Blobs.PathFor(orphan), DateTime.UtcNow.AddDays(-2));
        // A future mtime is "younger than the cutoff" at deletion time, as a concurrent touch would be.
        var report = RegistryGc.Run(Registry, new GcOptions { Delete = true, GracePeriod = TimeSpan.FromDays(1) });
        Assert.Equal([orphan], report.DeletedBlobs.Select(b => b.Digest));

        var again = Registry.Blobs.Put("touched"u8);
        File.SetLastWriteTimeUtc(Registry.Blobs.PathFor(again), DateTime.UtcNow.AddHours(1));
        var deferred = RegistryGc.Run(Registry, NoGrace with { Delete = true });
        Assert.Equal([again], deferred.DeferredBlobs.Select(b => b.Digest));
        Assert.True(Registry.Blobs.Exists(again));
    }

    [Fact]
    public void Run_RefToMissingManifest_ReportedAsMissing()
    {
        var descriptor = temp.Commit("example.com/ommx/gone:latest", "x"u8.ToArray());
        File.Delete(Registry.Blobs.PathFor(descriptor.Digest));

        var report = RegistryGc.Run(Registry, NoGrace);

        var missing = report.MissingBlobs.Single();
        Assert.Equal((descriptor.Digest, GcReferenceKind.RefManifest), (missing.Digest, missing.Kind));
    }

    [Fact]
    public void Run_CorruptManifestBlob_InvalidAndChildrenNotMarked()
    {
        var descriptor = temp.Commit("example.com/ommx/corrupt:latest", "child"u8.ToArray());
        File.WriteAllText(Registry.Blobs.PathFor(descriptor.Digest), "garbage");

        var report = RegistryGc.Run(Registry, NoGrace);

        var invalid = report.InvalidManifests.Single();
        Assert.Equal($"Failed to read manifest blob {descriptor.Digest}", invalid.Error);
        Assert.Contains(report.ReachableBlobs, b => b.Digest == descriptor.Digest);
        Assert.Contains(report.OrphanCandidates, b => b.Digest == Digest.Compute("child"u8));
    }

    [Fact]
    public void Run_UpperCaseBlobNameAndBadRefDigest_ReportedNotFatalAndNothingReachableDeleted()
    {
        var kept = temp.Commit("example.com/ommx/ok:latest", "ok-layer"u8.ToArray());
        var upper = Digest.Compute("upper"u8).Hex.ToUpperInvariant();
        File.WriteAllBytes(Path.Combine(Registry.Blobs.Sha256Directory, upper), "upper"u8.ToArray());
        Exec(temp.Root, "INSERT INTO refs VALUES ('example.com/ommx/bad', 'latest', 'not-a-digest', '2026-01-01T00:00:00+00:00')");
        var shouted = temp.Commit("example.com/ommx/shouted:latest", "shouted-layer"u8.ToArray());
        Exec(temp.Root, "UPDATE refs SET manifest_digest = upper(manifest_digest) WHERE name = 'example.com/ommx/shouted'");

        var report = RegistryGc.Run(Registry, NoGrace with { Delete = true });

        Assert.Contains(report.Problems, p => p.Message.Contains("upper-case", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Message.Contains("not-a-digest", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Registry.Blobs.Sha256Directory, upper)));
        Assert.True(Registry.Blobs.Exists(kept.Digest));
        Assert.True(Registry.Blobs.Exists(Digest.Compute("ok-layer"u8)));
        Assert.True(Registry.Blobs.Exists(shouted.Digest));
        Assert.True(Registry.Blobs.Exists(Digest.Compute("shouted-layer"u8)));
    }

    [Fact]
    public void Run_Delete_StaleTempFileRemovedButLockedOneKept()
    {
        Directory.CreateDirectory(Registry.Blobs.Sha256Directory);
        var stale = Path.Combine(Registry.Blobs.Sha256Directory, ".blob-Ab12Cd.tmp");
        File.WriteAllText(stale, "partial");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-3));
        var live = Path.Combine(Registry.Blobs.Sha256Directory, ".blob-Xy98Zw.tmp");
        File.WriteAllText(live, "in flight");
        File.SetLastWriteTimeUtc(live, DateTime.UtcNow.AddDays(-3));

        var dry = RegistryGc.Run(Registry, new GcOptions());
        Assert.Equal(2, dry.StaleTempFiles.Count);
        Assert.True(File.Exists(stale));

        using (new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var report = RegistryGc.Run(Registry, new GcOptions { Delete = true });
            Assert.Equal([stale], report.RemovedTempFiles);
        }

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public async Task Run_Delete_WhileAnotherGcHoldsExclusionLock_Waits()
    {
        var orphan = Registry.Blobs.Put("waiting"u8);
        var held = new FileStream(Path.Combine(temp.Root, ".gc-exclusion.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var gc = Task.Run(() => RegistryGc.Run(Registry, NoGrace with { Delete = true }));
        await Task.Delay(250);
        Assert.False(gc.IsCompleted);
        await held.DisposeAsync();

        var report = await gc.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([orphan], report.DeletedBlobs.Select(b => b.Digest));
    }

    public void Dispose() => temp.Dispose();
}
