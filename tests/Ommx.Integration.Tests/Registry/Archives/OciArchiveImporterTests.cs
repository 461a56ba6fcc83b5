using System.Formats.Tar;
using System.Text;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.TestSupport;
using static Ommx.Integration.Tests.Registry.SqliteTestHelpers;

namespace Ommx.Integration.Tests.Registry.Archives;

public sealed class OciArchiveImporterTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    public static TheoryData<string> RealArchiveNames() => new(TestPaths.RealArchives().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(RealArchiveNames))]
    public void Import_RealArchive_PublishesAndExportKeepsManifestDigest(string name)
    {
        var path = TestPaths.RealArchive(name);

        var result = OciArchiveImporter.Import(Registry, path);

        Assert.Equal(PublishOutcome.Inserted, result.Outcome);
        Assert.Equal(result.Manifest.Digest, Registry.Resolve(result.Image));
        var exported = temp.Scratch.Combine("out.ommx");
        var descriptor = OciArchiveExporter.Export(Registry, result.Image, exported);
        Assert.Equal(result.Manifest.Digest, descriptor.Digest);

        using var other = LocalRegistry.Open(temp.Scratch.Combine("second"));
        var again = OciArchiveImporter.Import(other, exported);
        Assert.Equal((result.Image, result.Manifest.Digest), (again.Image, again.Manifest.Digest));
        Assert.Equal(PublishOutcome.Unchanged, OciArchiveImporter.Import(other, exported).Outcome);
    }

    [Fact]
    public void Import_RandomLpFixture_RowsMatchSpec()
    {
        var result = OciArchiveImporter.Import(Registry, TestPaths.RealArchive("random_lp_instance.ommx"));

        Assert.Equal("ghcr.io/jij-inc/ommx/random_lp_instance:e69fb91", result.Image.ToString());
        Assert.Equal("sha256:034b093babdefec70aae4371fc10d1a8fae0f00a9de352c940047cc64a7c31f9", result.Manifest.Digest.ToString());
        var row = Registry.ListRefs().Single();
        Assert.Equal(("ghcr.io/jij-inc/ommx/random_lp_instance", "e69fb91"), (row.Name, row.Reference));
        Assert.Equal(3, Directory.GetFiles(Registry.Blobs.Sha256Directory).Length);
        Assert.Equal(675L, Scalar(temp.Root, "SELECT length(manifest_json) FROM artifact_manifests"));
        Assert.Equal(0L, Scalar(temp.Root, "SELECT count(*) FROM experiment_configs"));
        Assert.False(Directory.Exists(Path.Combine(temp.Root, "ghcr.io")));
    }

    [Fact]
    public void Import_LegacyRandomLp_AcceptedAsArtifact()
    {
        var result = OciArchiveImporter.Import(Registry, TestPaths.RealArchive("random_lp_instance.2024-05-17.ommx"));

        Assert.Equal(MediaTypes.OmmxArtifact, result.ArtifactType);
        Assert.NotNull(Registry.Resolve(result.Image));
    }

    [Fact]
    public void Import_NoRefNameAnnotation_SynthesisesAnonymousName()
    {
        var (builder, _) = TarBuilder.Artifact("payload"u8.ToArray(), refName: null);
        var path = temp.Scratch.Combine("anon.ommx");
        builder.WriteTo(path);

        var result = OciArchiveImporter.Import(Registry, path);

        Assert.True(ImageNames.IsAnonymousRepositoryKey(result.Image.RepositoryKey, includeExperiments: false));
        Assert.True(ImageNames.IsAnonymousTag(result.Image.Reference));
    }

    [Fact]
    public void Import_DotSlashPrefixedEntries_ImportsUnderOriginalName()
    {
        var manifest = TarBuilder.Artifact("dot"u8.ToArray(), "example.com/dot:v1").Manifest;
        var path = temp.Scratch.Combine("dot.ommx");
        new TarBuilder()
            .File("./oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
            .File($"./blobs/sha256/{Digest.Compute(manifest).Hex}", manifest)
            .File($"./blobs/sha256/{MediaTypes.EmptyJsonDigest.Hex}", "{}")
            .File($"./blobs/sha256/{Digest.Compute("dot"u8).Hex}", "dot")
            .File("./index.json", TarBuilder.Index(manifest, "example.com/dot:v1"))
            .WriteTo(path);

        Assert.Equal("example.com/dot:v1", OciArchiveImporter.Import(Registry, path).Image.ToString());
    }

    [Fact]
    public void Import_SameNameDifferentContent_ConflictNamesBothDigests()
    {
        var (a, manifestA) = TarBuilder.Artifact("A"u8.ToArray(), "example.com/same:v1");
        var (b, _) = TarBuilder.Artifact("B"u8.ToArray(), "example.com/same:v1");
        a.WriteTo(temp.Scratch.Combine("a.ommx"));
        b.WriteTo(temp.Scratch.Combine("b.ommx"));
        OciArchiveImporter.Import(Registry, temp.Scratch.Combine("a.ommx"));
        var before = BlobFiles();

        var e = Assert.Throws<RefConflictException>(() => OciArchiveImporter.Import(Registry, temp.Scratch.Combine("b.ommx")));

        Assert.Contains(Digest.Compute(manifestA).ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("incoming manifest sha256:", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, BlobFiles());
    }

    public static TheoryData<string, string> BadArchives() => new()
    {
        { "escape-dotdot", "../evil" },
        { "escape-absolute", "/etc/evil" },
        { "symlink", "blobs/sha256/link" },
        { "hardlink", "blobs/sha256/hard" },
        { "duplicate", "index.json" },
        { "digest-mismatch", "blobs/sha256/" + Digest.Compute("claimed"u8).Hex },
        { "index-size-lies", "has 3" },
        { "layer-size-lies", "manifest declares 99" },
        { "manifest-not-json", "not valid JSON" },
        { "manifest-missing-layers", "layers" },
        { "no-index", "no index.json" },
        { "two-manifests", "exactly one manifest" },
        { "bad-layout-version", "imageLayoutVersion" },
        { "not-ommx", "Not an OMMX artifact" },
        { "missing-layer", "neither in the archive nor in the Local Registry" },
        { "truncated", "truncated" },
        { "bad-ref-name", "Invalid image ref: INVALID/NAME" },
        { "artifact-manifest", "OCI Artifact Manifest" },
    };

    [Theory]
    [MemberData(nameof(BadArchives))]
    public void Import_BadArchive_RefusedNamingTheEntryAndRegistryUnchanged(string kind, string expected)
    {
        var path = temp.Scratch.Combine(kind + ".ommx");
        BuildBad(kind, path);
        temp.Commit("example.com/existing:latest", "existing"u8.ToArray());
        var blobsBefore = BlobFiles();
        var refsBefore = Registry.ListRefs();

        var e = Assert.ThrowsAny<OmmxException>(() => OciArchiveImporter.Import(Registry, path));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(blobsBefore, BlobFiles());
        Assert.Equal(refsBefore, Registry.ListRefs());
    }

    private static void BuildBad(string kind, string path)
    {
        var layer = "layer-bytes"u8.ToArray();
        var (good, manifest) = TarBuilder.Artifact(layer, "example.com/bad:v1");
        var builder = new TarBuilder();
        switch (kind)
        {
            case "escape-dotdot":
                good.File("../evil", "x").WriteTo(path);
                return;
            case "escape-absolute":
                good.File("/etc/evil", "x").WriteTo(path);
                return;
            case "symlink":
                good.Link("blobs/sha256/link", TarEntryType.SymbolicLink, "/etc/passwd").WriteTo(path);
                return;
            case "hardlink":
                good.Link("blobs/sha256/hard", TarEntryType.HardLink, "index.json").WriteTo(path);
                return;
            case "duplicate":
                // A repeat with identical bytes is accepted (ArchiveRoundTripTests); one that differs is refused.
                good.File("index.json", TarBuilder.Index(manifest, "example.com/bad-other:v1")).WriteTo(path);
                return;
            case "digest-mismatch":
                good.File("blobs/sha256/" + Digest.Compute("claimed"u8).Hex, "actual").WriteTo(path);
                return;
            case "index-size-lies":
                builder.File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}").Blob(manifest).Blob("{}"u8.ToArray()).Blob(layer)
                    .File("index.json", TarBuilder.Index(manifest, "example.com/bad:v1", size: 3)).WriteTo(path);
                return;
            case "layer-size-lies":
                var lying = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(manifest).Replace($"\"size\":{layer.Length}", "\"size\":99", StringComparison.Ordinal));
                builder.Blob(lying).Blob("{}"u8.ToArray()).Blob(layer).File("index.json", TarBuilder.Index(lying, "example.com/bad:v1")).WriteTo(path);
                return;
            case "manifest-not-json":
                var notJson = "this is not json"u8.ToArray();
                builder.Blob(notJson).File("index.json", TarBuilder.Index(notJson, "example.com/bad:v1")).WriteTo(path);
                return;
            case "manifest-missing-layers":
                var noLayers = "{\"schemaVersion\":2,\"artifactType\":\"application/org.ommx.v1.artifact\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}}"u8.ToArray();
                builder.Blob(noLayers).Blob("{}"u8.ToArray()).File("index.json", TarBuilder.Index(noLayers, "example.com/bad:v1")).WriteTo(path);
                return;
            case "no-index":
                builder.Blob(manifest).Blob("{}"u8.ToArray()).Blob(layer).WriteTo(path);
                return;
            case "two-manifests":
                var index = "{\"schemaVersion\":2,\"manifests\":[" + Inner(manifest) + "," + Inner(manifest) + "]}";
                builder.Blob(manifest).Blob("{}"u8.ToArray()).Blob(layer).File("index.json", index).WriteTo(path);
                return;
            case "bad-layout-version":
                builder.File("oci-layout", "{\"imageLayoutVersion\":\"2.0.0\"}").Blob(manifest).Blob("{}"u8.ToArray()).Blob(layer)
                    .File("index.json", TarBuilder.Index(manifest, "example.com/bad:v1")).WriteTo(path);
                return;
            case "not-ommx":
                var foreign = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(manifest).Replace("application/org.ommx.v1.artifact", "application/vnd.example", StringComparison.Ordinal));
                builder.Blob(foreign).Blob("{}"u8.ToArray()).Blob(layer).File("index.json", TarBuilder.Index(foreign, "example.com/bad:v1")).WriteTo(path);
                return;
            case "missing-layer":
                builder.Blob(manifest).Blob("{}"u8.ToArray()).File("index.json", TarBuilder.Index(manifest, "example.com/bad:v1")).WriteTo(path);
                return;
            case "truncated":
                good.WriteTo(path);
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes[..(512 * 4 + 100)]);
                return;
            case "bad-ref-name":
                builder.Blob(manifest).Blob("{}"u8.ToArray()).Blob(layer).File("index.json", TarBuilder.Index(manifest, "INVALID/NAME")).WriteTo(path);
                return;
            case "artifact-manifest":
                builder.Blob(manifest).Blob("{}"u8.ToArray()).Blob(layer)
                    .File("index.json", TarBuilder.Index(manifest, "example.com/bad:v1", MediaTypes.ArtifactManifest)).WriteTo(path);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        static string Inner(byte[] m) => $"{{\"mediaType\":\"{MediaTypes.ImageManifest}\",\"digest\":\"{Digest.Compute(m)}\",\"size\":{m.Length}}}";
    }

    private string[] BlobFiles() => Directory.Exists(Registry.Blobs.Sha256Directory)
        ? Directory.GetFiles(Registry.Blobs.Sha256Directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
        : [];

    public void Dispose() => temp.Dispose();
}
