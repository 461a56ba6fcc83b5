using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Listing;
using Ommx.Integration.Tests.TestSupport;
using static Ommx.Integration.Tests.Registry.SqliteTestHelpers;

namespace Ommx.Integration.Tests.Registry.Listing;

public sealed class ArtifactCatalogTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    [Fact]
    public void List_Prefix_ReturnsRecordWithAnnotationsAndManifest()
    {
        var annotated = TempRegistry.StoreArtifact(Registry, ["{\"a\":1}"u8.ToArray()],
            annotations: new Dictionary<string, string> { ["com.example.problem"] = "qap" });
        Registry.Publish(ImageReference.Parse("example.com/catalog/artifact:latest"), annotated.Digest);
        temp.Commit("example.com/other/artifact:latest", "other"u8.ToArray());

        var listing = ArtifactCatalog.List(Registry, "example.com/catalog");

        var record = Assert.Single(listing.Artifacts);
        Assert.Equal("example.com/catalog/artifact:latest", record.ImageName);
        Assert.Equal(annotated.Digest, record.ManifestDigest);
        Assert.Equal(MediaTypes.OmmxArtifact, record.ArtifactType);
        Assert.Equal(MediaTypes.EmptyJsonDigest, record.ConfigDigest);
        Assert.Equal("qap", record.Annotations["com.example.problem"]);
        Assert.Single(record.Manifest.Layers);
        Assert.Contains("T", record.UpdatedAt, StringComparison.Ordinal);
        Assert.Empty(listing.Warnings);
        Assert.Single(ArtifactCatalog.List(Registry, "example.com/catalog/artifact:lat").Artifacts);
    }

    [Fact]
    public void List_CacheRowsDeleted_BackfilledSilentlyInByteOrder()
    {
        var d = temp.Commit("example.com/catalog/artifact:latest", "x"u8.ToArray());
        Registry.Publish(ImageReference.Parse("example.com/catalog/alias:latest"), d.Digest);
        Exec(temp.Root, "DELETE FROM artifact_manifests");

        var listing = ArtifactCatalog.List(Registry);

        Assert.Equal(["example.com/catalog/alias:latest", "example.com/catalog/artifact:latest"], listing.Artifacts.Select(a => a.ImageName));
        Assert.Empty(listing.Warnings);
        Assert.Equal(1L, Scalar(temp.Root, "SELECT count(*) FROM artifact_manifests"));
    }

    [Fact]
    public void List_CorruptCachedManifest_RepairedWithWarningOrStrictError()
    {
        var d = temp.Commit("example.com/catalog/artifact:latest", "x"u8.ToArray());
        Exec(temp.Root, "UPDATE artifact_manifests SET manifest_json = $json", ("$json", "{\"schemaVersion\":2}"u8.ToArray()));

        var listing = ArtifactCatalog.List(Registry);

        Assert.Single(listing.Artifacts);
        var warning = Assert.Single(listing.Warnings);
        Assert.Equal(ListingStage.ManifestCacheRepair, warning.Stage);
        Assert.Contains("repaired from CAS", warning.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Local Registry listing issue for example.com/catalog/artifact:latest (" + d.Digest + ") during manifest cache repair:", warning.ToString(), StringComparison.Ordinal);
        Assert.Equal(Registry.Blobs.Read(d.Digest), (byte[])Scalar(temp.Root, "SELECT manifest_json FROM artifact_manifests")!);

        Exec(temp.Root, "UPDATE artifact_manifests SET manifest_json = $json", ("$json", "{}"u8.ToArray()));
        var e = Assert.Throws<ListingException>(() => ArtifactCatalog.List(Registry, strict: true));
        Assert.Contains("Cached Manifest JSON does not match", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_CorruptCacheAndMissingBlob_SkipsRefWithCasRepairFailed()
    {
        temp.Commit("example.com/catalog/good:latest", "good"u8.ToArray());
        var bad = temp.Commit("example.com/catalog/bad:latest", "bad"u8.ToArray());
        Exec(temp.Root, "UPDATE artifact_manifests SET manifest_json = x'7b7d' WHERE manifest_digest = $d", ("$d", bad.Digest.ToString()));
        File.Delete(Registry.Blobs.PathFor(bad.Digest));

        var listing = ArtifactCatalog.List(Registry);

        Assert.Equal(["example.com/catalog/good:latest"], listing.Artifacts.Select(a => a.ImageName));
        var warning = Assert.Single(listing.Warnings);
        Assert.Contains("CAS repair failed", warning.Message, StringComparison.Ordinal);
        Assert.Equal("example.com/catalog/bad:latest", warning.ImageName);
    }

    [Fact]
    public void List_CorruptRefRows_GoodRefListedAndThreeWarnings()
    {
        temp.Commit("example.com/rows/good:latest", "g"u8.ToArray());
        temp.Commit("example.com/rows/name:latest", "n"u8.ToArray());
        temp.Commit("example.com/rows/digest:latest", "d"u8.ToArray());
        temp.Commit("example.com/rows/blob:latest", "b"u8.ToArray());
        Exec(temp.Root, "UPDATE refs SET name = 'example.com/rows/invalid name' WHERE name = 'example.com/rows/name'");
        Exec(temp.Root, "UPDATE refs SET manifest_digest = 'not-a-oci-digest' WHERE name = 'example.com/rows/digest'");
        Exec(temp.Root, "UPDATE refs SET manifest_digest = CAST(manifest_digest AS BLOB) WHERE name = 'example.com/rows/blob'");

        var listing = ArtifactCatalog.List(Registry);

        Assert.Equal(["example.com/rows/good:latest"], listing.Artifacts.Select(a => a.ImageName));
        Assert.Equal(3, listing.Warnings.Count);
        Assert.Contains(listing.Warnings, w => w.Message.StartsWith("Invalid Local Registry image ref", StringComparison.Ordinal) && w.ImageName == "example.com/rows/invalid name:latest");
        Assert.Contains(listing.Warnings, w => w.Message.StartsWith("Invalid Local Registry manifest digest", StringComparison.Ordinal) && w.ManifestDigest == "not-a-oci-digest");
        Assert.Contains(listing.Warnings, w => w.Message == "Local Registry manifest digest must be TEXT, got BLOB");
        var e = Assert.Throws<ListingException>(() => ArtifactCatalog.List(Registry, strict: true));
        Assert.Contains("Local Registry", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_CacheWriteFails_IsHardError()
    {
        temp.Commit("example.com/catalog/artifact:latest", "x"u8.ToArray());
        Exec(temp.Root, "UPDATE artifact_manifests SET manifest_json = x'7b7d'");
        Exec(temp.Root, "CREATE TRIGGER no_cache_updates BEFORE UPDATE ON artifact_manifests BEGIN SELECT RAISE(ABORT, 'cache writes are blocked'); END;");

        var e = Assert.ThrowsAny<Exception>(() => ArtifactCatalog.List(Registry));

        Assert.Contains("cache writes are blocked", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_CheckpointRefs_HiddenUnlessInternalRequested()
    {
        var checkpoint = ImageNames.CheckpointReference(Registry.RegistryId, ImageReference.Parse("example.com/x:latest"));
        temp.Commit(checkpoint.ToString(), "c"u8.ToArray());

        Assert.Empty(ArtifactCatalog.List(Registry).Artifacts);
        Assert.Equal([checkpoint.ToString()], ArtifactCatalog.List(Registry, includeInternal: true).Artifacts.Select(a => a.ImageName));
    }

    [Fact]
    public void List_UpsertForUnreferencedManifest_PrunedToNothing()
    {
        var d = TempRegistry.StoreArtifact(Registry, ["orphan"u8.ToArray()]);
        Registry.Index.UpsertCacheAndPrune([Registry.BuildCacheEntry(Registry.ReadManifest(d.Digest))]);

        Assert.Equal(0L, Scalar(temp.Root, "SELECT count(*) FROM artifact_manifests"));
        Assert.Equal(0L, Scalar(temp.Root, "SELECT count(*) FROM experiment_configs"));
    }

    [Fact]
    public void List_OtherRoot_Empty()
    {
        temp.Commit("example.com/catalog/artifact:latest", "x"u8.ToArray());
        using var other = LocalRegistry.Open(temp.Scratch.Combine("other"));
        Assert.Empty(ArtifactCatalog.List(other).Artifacts);
    }

    [Fact]
    public void ListingStages_ExactOmmxStrings()
    {
        Assert.Equal(
            ["manifest backfill", "manifest cache repair", "experiment config backfill", "experiment config cache repair", "checkpoint projection"],
            Enum.GetValues<ListingStage>().Select(ListingStages.Text));
    }

    public void Dispose() => temp.Dispose();
}
