using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Gc;
using Ommx.Integration.Registry.Maintenance;
using Ommx.Integration.Tests.TestSupport;
using static Ommx.Integration.Tests.Registry.SqliteTestHelpers;

namespace Ommx.Integration.Tests.Registry;

public sealed class LocalRegistryTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void Publish_NewRef_InsertedWithCacheRowAndRfc3339Time()
    {
        var descriptor = temp.Commit("example.com/ommx/a:v1", "layer"u8.ToArray());

        var row = Registry.ListRefs().Single();
        Assert.Equal(("example.com/ommx/a", "v1", descriptor.Digest.ToString()), (row.Name, row.Reference, row.ManifestDigest));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?\+00:00$", row.UpdatedAt);
        Assert.Equal(1L, Scalar(temp.Root, "SELECT count(*) FROM artifact_manifests"));
        Assert.Equal("blob", Scalar(temp.Root, "SELECT typeof(manifest_json) FROM artifact_manifests"));
    }

    [Fact]
    public void Publish_SameDigestTwice_UnchangedAndTimeNotBumped()
    {
        var descriptor = temp.Commit("example.com/ommx/a:v1", "layer"u8.ToArray());
        var before = Registry.ListRefs().Single().UpdatedAt;

        var result = Registry.Publish(ImageReference.Parse("example.com/ommx/a:v1"), descriptor.Digest);

        Assert.Equal(PublishOutcome.Unchanged, result.Outcome);
        Assert.Equal(before, Registry.ListRefs().Single().UpdatedAt);
    }

    [Fact]
    public void Publish_RefPointsElsewhere_ConflictedAndRefUntouched()
    {
        var first = temp.Commit("example.com/ommx/a:v1", "one"u8.ToArray());
        var second = TempRegistry.StoreArtifact(Registry, ["two"u8.ToArray()]);

        var result = Registry.Publish(ImageReference.Parse("example.com/ommx/a:v1"), second.Digest);

        Assert.Equal(PublishOutcome.Conflicted, result.Outcome);
        Assert.Equal(first.Digest, result.Existing);
        Assert.Equal(first.Digest, Registry.Resolve(ImageReference.Parse("example.com/ommx/a:v1")));
        Assert.True(Registry.Blobs.Exists(Digest.Compute("two"u8)));
    }

    [Fact]
    public void Replace_RefPointsElsewhere_MovesAndPrunesOldCacheRow()
    {
        var first = temp.Commit("example.com/ommx/a:v1", "one"u8.ToArray());
        var second = TempRegistry.StoreArtifact(Registry, ["two"u8.ToArray()]);

        var result = Registry.Replace(ImageReference.Parse("example.com/ommx/a:v1"), second.Digest);

        Assert.Equal(PublishOutcome.Replaced, result.Outcome);
        Assert.Equal(first.Digest, result.Existing);
        Assert.Equal(second.Digest, Registry.Resolve(ImageReference.Parse("example.com/ommx/a:v1")));
        Assert.Equal([second.Digest.ToString()], Column(temp.Root, "SELECT manifest_digest FROM artifact_manifests"));
    }

    [Fact]
    public async Task Publish_TwoInstancesRaceForOneName_ExactlyOneWins()
    {
        using var a = temp.OpenAnother();
        using var b = temp.OpenAnother();
        var da = TempRegistry.StoreArtifact(a, ["race-a"u8.ToArray()]);
        var db = TempRegistry.StoreArtifact(b, ["race-b"u8.ToArray()]);
        var image = ImageReference.Parse("example.com/ommx/race:latest");

        var results = await Task.WhenAll(Task.Run(() => a.Publish(image, da.Digest)), Task.Run(() => b.Publish(image, db.Digest)));

        Assert.Single(results, r => r.Outcome == PublishOutcome.Inserted);
        Assert.Single(results, r => r.Outcome == PublishOutcome.Conflicted);
        Assert.Contains(Registry.Resolve(image), new Digest?[] { da.Digest, db.Digest });
    }

    [Fact]
    public void Remove_ExistingRef_ReturnsRowKeepsBlobsAndRestoreBringsItBack()
    {
        var image = ImageReference.Parse("example.com/ommx/remove-me:latest");
        var descriptor = temp.Commit(image.ToString(), "remove-layer"u8.ToArray());

        var removed = Registry.Remove(image);

        Assert.Equal(descriptor.Digest.ToString(), removed!.ManifestDigest);
        Assert.Null(Registry.Remove(image));
        Assert.Null(Registry.Resolve(image));
        Assert.True(Registry.Blobs.Exists(descriptor.Digest));
        var gc = RegistryGc.Run(Registry, new GcOptions { GracePeriod = TimeSpan.Zero });
        Assert.Contains(gc.OrphanCandidates, b => b.Digest == descriptor.Digest);
        Assert.Contains(gc.OrphanCandidates, b => b.Digest == Digest.Compute("remove-layer"u8));

        var restored = RefRestorer.Restore(Registry, image, descriptor.Digest);

        Assert.Equal(PublishOutcome.Inserted, restored.Outcome);
        Assert.Equal(descriptor.Digest, Registry.Resolve(image));
        Assert.Equal(PublishOutcome.Unchanged, RefRestorer.Restore(Registry, image, descriptor.Digest).Outcome);
    }

    [Fact]
    public void Restore_NameNowPointsElsewhere_RefusedAndRefKept()
    {
        var image = ImageReference.Parse("example.com/ommx/moved:latest");
        var old = temp.Commit(image.ToString(), "old"u8.ToArray());
        Registry.Remove(image);
        var replacement = temp.Commit(image.ToString(), "new"u8.ToArray());

        var e = Assert.Throws<RefConflictException>(() => RefRestorer.Restore(Registry, image, old.Digest));

        Assert.Equal($"Cannot restore {image} to {old.Digest}: ref currently points to {replacement.Digest}", e.Message);
        Assert.Equal(replacement.Digest, Registry.Resolve(image));
    }

    [Theory]
    [InlineData("config")]
    [InlineData("layer")]
    public void Restore_ClosureBlobMissing_ErrorNamesItAndRefStaysAbsent(string which)
    {
        var image = ImageReference.Parse("example.com/ommx/broken:latest");
        var descriptor = temp.Commit(image.ToString(), "only-layer"u8.ToArray());
        Registry.Remove(image);
        var missing = which == "config" ? MediaTypes.EmptyJsonDigest : Digest.Compute("only-layer"u8);
        File.Delete(Registry.Blobs.PathFor(missing));

        var e = Assert.Throws<ClosureException>(() => RefRestorer.Restore(Registry, image, descriptor.Digest));

        Assert.Contains(missing.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Null(Registry.Resolve(image));
    }

    [Fact]
    public void Restore_ChildWhoseSubjectManifestIsGone_ErrorNamesParent()
    {
        var parent = temp.Commit("example.com/ommx/parent:latest", "p"u8.ToArray());
        var child = TempRegistry.StoreArtifact(Registry, ["c"u8.ToArray()], subject: parent);
        Registry.Publish(ImageReference.Parse("example.com/ommx/child:latest"), child.Digest);
        Registry.Remove(ImageReference.Parse("example.com/ommx/parent:latest"));
        Registry.Remove(ImageReference.Parse("example.com/ommx/child:latest"));
        File.Delete(Registry.Blobs.PathFor(parent.Digest));

        var e = Assert.Throws<ClosureException>(() => RefRestorer.Restore(Registry, ImageReference.Parse("example.com/ommx/child:latest"), child.Digest));

        Assert.Equal($"Subject manifest is missing or invalid: {parent.Digest}", e.Message);
        Assert.Null(Registry.Resolve(ImageReference.Parse("example.com/ommx/child:latest")));
    }

    [Fact]
    public async Task Restore_WhileGcHoldsExclusionLock_BlocksUntilReleased()
    {
        var image = ImageReference.Parse("example.com/ommx/blocked:latest");
        var descriptor = temp.Commit(image.ToString(), "b"u8.ToArray());
        Registry.Remove(image);
        var gcLock = new FileStream(Path.Combine(temp.Root, ".gc-exclusion.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var restore = Task.Run(() => RefRestorer.Restore(Registry, image, descriptor.Digest));
        await Task.Delay(250);
        Assert.False(restore.IsCompleted);
        await gcLock.DisposeAsync();

        Assert.Equal(PublishOutcome.Inserted, (await restore.WaitAsync(TimeSpan.FromSeconds(10))).Outcome);
    }

    [Fact]
    public void ListRefs_PrefixWithUnderscore_IsPlainPrefixNotWildcard()
    {
        temp.Commit("example.com/foo_bar/a:latest", "x"u8.ToArray());
        temp.Commit("example.com/fooxbar/a:latest", "y"u8.ToArray());

        var refs = Registry.ListRefs("example.com/foo_bar");

        Assert.Equal(["example.com/foo_bar/a"], refs.Select(r => r.Name));
        Assert.Single(Registry.ListRefs("example.com/foo_bar/a:lat"));
    }

    [Fact]
    public void ListImages_RawRowWithInvalidName_FailsNamingTheRow()
    {
        temp.Commit("example.com/ommx/good:latest", "g"u8.ToArray());
        Exec(temp.Root, "INSERT INTO refs VALUES ('ghcr.io/INVALID', 'latest', 'sha256:' || printf('%064d', 0), '2026-01-01T00:00:00Z')");

        var e = Assert.Throws<RegistryFormatException>(() => Registry.ListImages());

        Assert.Contains("Invalid Local Registry image ref with name \"ghcr.io/INVALID\" and reference \"latest\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid image reference", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListImages_AllRefsIncludingCheckpoints_InNameReferenceOrder()
    {
        temp.Commit("example.com/b:latest", "1"u8.ToArray());
        temp.Commit("example.com/a:v2", "2"u8.ToArray());
        temp.Commit("example.com/a:v1", "3"u8.ToArray());

        Assert.Equal(["example.com/a:v1", "example.com/a:v2", "example.com/b:latest"], Registry.ListImages().Select(i => i.ToString()));
    }

    public void Dispose() => temp.Dispose();
}
