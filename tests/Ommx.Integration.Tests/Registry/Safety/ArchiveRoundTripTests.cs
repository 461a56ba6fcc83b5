using System.Formats.Tar;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Safety;

/// <summary>
/// Our import accepts our own export: every blob is written once (manifests that repeat a layer included),
/// repeated entries with identical bytes are accepted, and repeated entries that differ are refused.
/// </summary>
public sealed class ArchiveRoundTripTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private LocalRegistry Registry => temp.Registry;

    public static TheoryData<string> Kinds => new() { "sample", "fork", "repeated-layer", "failed-checkpoint", "interrupted-checkpoint" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExportThenImport_EveryExperimentKind_RoundTripsWithEachBlobOnce(string kind)
    {
        var (image, manifest) = Produce(kind);
        var archive = temp.Scratch.Combine(kind + ".ommx");

        OciArchiveExporter.Export(Registry, image, manifest, archive);

        var names = EntryNames(archive);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(Directory.EnumerateFiles(temp.Scratch.Path, "*.partial", new EnumerationOptions { AttributesToSkip = 0 }));
        using var other = LocalRegistry.Open(temp.Scratch.Combine("other-" + kind));
        var imported = OciArchiveImporter.Import(other, archive);
        Assert.Equal(manifest, imported.Manifest.Digest);
        Assert.Equal(Registry.Blobs.Read(manifest), other.Blobs.Read(manifest));
        var stored = other.ReadManifest(manifest);
        Assert.All(stored.Manifest.Blobs(), b => Assert.Equal(Registry.Blobs.Read(b.Digest), other.Blobs.Read(b.Digest)));
        if (kind == "repeated-layer")
        {
            Assert.True(stored.Manifest.Layers.Count > stored.Manifest.Layers.Select(l => l.Digest).Distinct().Count());
        }

        if (kind is "sample" or "fork" or "repeated-layer")
        {
            using var loaded = Experiment.Load(other, image.ToString(), new ExperimentLoadOptions { AllowPull = false });
            Assert.NotEmpty(loaded.Runs);
        }
    }

    [Fact]
    public void Import_RepeatedEntriesWithIdenticalBytes_Accepted()
    {
        var (builder, manifest) = TarBuilder.Artifact("twice"u8.ToArray(), "example.com/team/twice:v1");
        builder.Blob("twice"u8.ToArray()).Blob(manifest).File("index.json", TarBuilder.Index(manifest, "example.com/team/twice:v1"));
        var path = temp.Scratch.Combine("twice.ommx");
        builder.WriteTo(path);

        var result = OciArchiveImporter.Import(Registry, path);

        Assert.Equal(Digest.Compute(manifest), result.Manifest.Digest);
    }

    [Theory]
    [InlineData("blob")]
    [InlineData("index")]
    public void Import_RepeatedEntriesThatDiffer_RefusedAndNothingStored(string which)
    {
        var (builder, manifest) = TarBuilder.Artifact("differs"u8.ToArray(), "example.com/team/differs:v1");
        if (which == "blob")
        {
            builder.File($"blobs/sha256/{Digest.Compute("differs"u8).Hex}", "DIFFERS"u8.ToArray());
        }
        else
        {
            builder.File("index.json", TarBuilder.Index(manifest, "example.com/team/other:v1"));
        }

        var path = temp.Scratch.Combine("differs.ommx");
        builder.WriteTo(path);

        var error = Assert.Throws<ArchiveFormatException>(() => OciArchiveImporter.Import(Registry, path));

        Assert.Contains("appears more than once with different bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(Registry.ListRefs());
        Assert.DoesNotContain(Directory.EnumerateFiles(Registry.Blobs.Sha256Directory), f => !Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public void Import_ArchiveWithGoodCopyOfACorruptStoredLayer_RepairsIt()
    {
        var (image, manifest) = Produce("sample");
        var archive = temp.Scratch.Combine("repair.ommx");
        OciArchiveExporter.Export(Registry, image, manifest, archive);
        var layer = Registry.ReadManifest(manifest).Manifest.Layers[0];
        var good = Registry.Blobs.Read(layer.Digest);
        var rotten = (byte[])good.Clone();
        rotten[^1] ^= 0x01;
        File.WriteAllBytes(Registry.Blobs.PathFor(layer.Digest), rotten);

        var result = OciArchiveImporter.Import(Registry, archive);

        Assert.Equal(manifest, result.Manifest.Digest);
        Assert.Equal(good, Registry.Blobs.Read(layer.Digest));
    }

    private (ImageReference Image, Digest Manifest) Produce(string kind)
    {
        switch (kind)
        {
            case "sample":
                return (ImageReference.Parse("example.com/rt/sample:v1"), SampleExperiments.Commit(Registry, "example.com/rt/sample:v1").Digest);
            case "fork":
                SampleExperiments.Commit(Registry, "example.com/rt/parent:v1");
                return (ImageReference.Parse("example.com/rt/child:v1"), SampleExperiments.Fork(Registry, "example.com/rt/parent:v1", "example.com/rt/child:v1").Digest);
            case "repeated-layer":
                using (var experiment = Experiment.Create(Registry, "example.com/rt/repeated:v1"))
                {
                    var diagnostics = new System.Text.Json.Nodes.JsonObject { ["status"] = "optimal", ["nodes"] = 0 };
                    experiment.Run(run => run.LogJson("diagnostics", diagnostics.DeepClone()));
                    experiment.Run(run => run.LogJson("diagnostics", diagnostics.DeepClone()));
                    return (ImageReference.Parse("example.com/rt/repeated:v1"), experiment.Commit().Digest);
                }

            default:
                using (var experiment = Experiment.Create(Registry, "example.com/rt/" + kind + ":v1"))
                {
                    experiment.Run(run => run.LogParameter("x", 1));
                    var checkpoint = kind == "failed-checkpoint" ? experiment.CommitFailedCheckpoint("a test failed") : experiment.CommitInterruptedCheckpoint("host died");
                    return (ImageReference.Parse("example.com/rt/" + kind + ":v1"), checkpoint.Digest);
                }
        }
    }

    private static List<string> EntryNames(string archive)
    {
        using var file = File.OpenRead(archive);
        using var reader = new TarReader(file);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    public void Dispose() => temp.Dispose();
}
