using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

[Trait("Category", "RealRegistry")]
public sealed class PushPullTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly DistributionRegistry remote;
    private readonly TempRegistry source = new();
    private readonly TempRegistry target = new();

    public PushPullTests(RegistryFixture fixture) => remote = fixture.Registry;

    private string Name(string repository, string tag = "v1") => $"{remote.Host}/ommx-tests/{repository}:{tag}";

    [Fact]
    public void PushThenPull_IntoEmptyRegistry_SameDigestVerifiedBlobsIdenticalRuns()
    {
        var name = Name("roundtrip");
        var committed = SampleExperiments.Commit(source.Registry, name);

        var pushed = Experiment.Load(source.Registry, name).Push(remote.Options());
        var pulled = target.Registry.Pull(ImageReference.Parse(name), remote.Options());

        Assert.Equal(committed.Digest, pushed.ManifestDigest);
        Assert.Equal(committed.Digest, pulled.ManifestDigest);
        Assert.Equal(PublishOutcome.Inserted, pulled.Outcome);
        var manifest = target.Registry.ReadManifest(committed.Digest);
        Assert.Equal(source.Registry.Blobs.Read(committed.Digest), manifest.Bytes);
        foreach (var blob in manifest.Manifest.Blobs())
        {
            Assert.Equal(source.Registry.Blobs.Read(blob), target.Registry.Blobs.Read(blob));
        }

        Assert.Equal(manifest.Manifest.Blobs().DistinctBy(b => b.Digest).Count(), pulled.BlobsDownloaded);
        using var original = Experiment.Load(source.Registry, name);
        using var copy = Experiment.Load(target.Registry, name, new ExperimentLoadOptions { AllowPull = false });
        Assert.Equal(SampleExperiments.Describe(original), SampleExperiments.Describe(copy));
        Assert.Equal(original.GetAttachmentBytes("payload"), copy.GetAttachmentBytes("payload"));
        Assert.Equal("distribution", copy.Annotations["com.example.suite"]);
    }

    [Fact]
    public void Push_Twice_SecondUploadsNothing()
    {
        var name = Name("twice");
        var committed = SampleExperiments.Commit(source.Registry, name);
        var image = ImageReference.Parse(name);
        RecordingHandler? first = null;
        RecordingHandler? second = null;

        var one = source.Registry.Push(image, remote.Options(transport: h => first = new RecordingHandler(h)));
        var two = source.Registry.Push(image, remote.Options(transport: h => second = new RecordingHandler(h)));

        var blobCount = source.Registry.ReadManifest(committed.Digest).Manifest.Blobs().DistinctBy(b => b.Digest).Count();
        Assert.Equal(blobCount, one.BlobsUploaded);
        Assert.Equal(blobCount, first!.BlobUploads);
        Assert.Equal(1, one.ManifestsPushed);
        Assert.Equal(0, two.BlobsUploaded);
        Assert.Equal(blobCount, two.BlobsAlreadyPresent);
        Assert.Equal(0, two.ManifestsPushed);
        Assert.Equal(0, second!.UploadSessions);
        Assert.Equal(0, second.BlobUploads);
        Assert.Equal(0, second.Count("PUT", "/manifests/"));
    }

    [Fact]
    public void Push_ManifestLast_AfterEveryBlobUpload()
    {
        var name = Name("order");
        SampleExperiments.Commit(source.Registry, name);
        RecordingHandler? recorder = null;

        source.Registry.Push(ImageReference.Parse(name), remote.Options(transport: h => recorder = new RecordingHandler(h)));

        var requests = recorder!.Requests.ToList();
        var manifestPut = requests.FindIndex(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/manifests/", StringComparison.Ordinal));
        var lastBlobPut = requests.FindLastIndex(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/blobs/uploads/", StringComparison.Ordinal));
        Assert.True(lastBlobPut >= 0 && manifestPut > lastBlobPut, string.Join('\n', requests));
    }

    [Fact]
    public void PushFork_SameRepository_UploadsOnlyNewBlobsAndParentManifest()
    {
        var parentName = Name("fork", "parent");
        var childName = Name("fork", "child");
        var parent = SampleExperiments.Commit(source.Registry, parentName);
        source.Registry.Push(ImageReference.Parse(parentName), remote.Options());
        var child = SampleExperiments.Fork(source.Registry, parentName, childName);
        RecordingHandler? recorder = null;

        var result = source.Registry.Push(ImageReference.Parse(childName), remote.Options(transport: h => recorder = new RecordingHandler(h)));

        var parentBlobs = source.Registry.ReadManifest(parent.Digest).Manifest.Blobs().Select(b => b.Digest).ToHashSet();
        var childBlobs = source.Registry.ReadManifest(child.Digest).Manifest.Blobs().Select(b => b.Digest).Distinct().ToList();
        var fresh = childBlobs.Count(d => !parentBlobs.Contains(d));
        Assert.True(fresh >= 2 && fresh < childBlobs.Count, $"fresh={fresh} of {childBlobs.Count}");
        Assert.Equal(fresh, result.BlobsUploaded);
        Assert.Equal(fresh, recorder!.BlobUploads);
        Assert.Equal(1, result.SubjectsIncluded);
        Assert.Equal(1, result.ManifestsPushed);
    }

    [Fact]
    public void PushFork_OtherRepositorySameHost_MountsSharedBlobs()
    {
        var parentName = Name("mount-parent");
        var childName = Name("mount-child");
        var parent = SampleExperiments.Commit(source.Registry, parentName);
        source.Registry.Push(ImageReference.Parse(parentName), remote.Options());
        var child = SampleExperiments.Fork(source.Registry, parentName, childName);
        RecordingHandler? recorder = null;

        var result = source.Registry.Push(ImageReference.Parse(childName), remote.Options(transport: h => recorder = new RecordingHandler(h)));

        var parentManifest = source.Registry.ReadManifest(parent.Digest).Manifest;
        var parentBlobs = parentManifest.Blobs().Select(b => b.Digest).ToHashSet();
        var childBlobs = source.Registry.ReadManifest(child.Digest).Manifest.Blobs().Select(b => b.Digest).Distinct().ToList();
        var shared = childBlobs.Count(parentBlobs.Contains) + parentBlobs.Count(d => !childBlobs.Contains(d));
        Assert.Equal(parentBlobs.Union(childBlobs).Count() - shared, result.BlobsUploaded);
        Assert.Equal(shared, result.BlobsMounted);
        Assert.Equal(result.BlobsUploaded, recorder!.BlobUploads);
        Assert.Equal(2, result.ManifestsPushed);
        var pulled = target.Registry.Pull(ImageReference.Parse(childName), remote.Options());
        Assert.Equal(1, pulled.SubjectsPulled);
        Assert.NotNull(target.Registry.ReadManifest(parent.Digest));
    }

    [Fact]
    public void Push_LargeBlob_UploadedInChunksAndPulledBack()
    {
        var name = Name("chunked");
        SampleExperiments.Commit(source.Registry, name, attachmentBytes: 300_000);
        RecordingHandler? recorder = null;
        var options = remote.Options(transport: h => recorder = new RecordingHandler(h)) with { MonolithicUploadLimit = 100_000, ChunkSize = 64 * 1024 };

        var pushed = source.Registry.Push(ImageReference.Parse(name), options);
        var pulled = target.Registry.Pull(ImageReference.Parse(name), remote.Options());

        Assert.Equal(5, recorder!.Count("PATCH", "/blobs/uploads/"));
        Assert.Equal(pushed.ManifestDigest, pulled.ManifestDigest);
        using var copy = Experiment.Load(target.Registry, name, new ExperimentLoadOptions { AllowPull = false });
        Assert.Equal(300_000, copy.GetAttachmentBytes("payload").Length);
    }

    [Fact]
    public void Pull_ByDigest_PublishesUnderDigestRef()
    {
        var name = Name("bydigest");
        var committed = SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());
        var byDigest = ImageReference.Parse($"{remote.Host}/ommx-tests/bydigest@{committed.Digest}");

        var pulled = target.Registry.Pull(byDigest, remote.Options());

        Assert.Equal(committed.Digest, pulled.ManifestDigest);
        Assert.Equal(committed.Digest, target.Registry.Resolve(byDigest));
    }

    [Fact]
    public void Pull_AlreadyLocal_NoNetwork()
    {
        var name = Name("local-only");
        SampleExperiments.Commit(source.Registry, name);
        RecordingHandler? recorder = null;

        var result = source.Registry.Pull(ImageReference.Parse(name), remote.Options(transport: h => recorder = new RecordingHandler(h)));

        Assert.Equal(PublishOutcome.Unchanged, result.Outcome);
        Assert.False(result.UsedNetwork);
        Assert.Null(recorder);
    }

    [Fact]
    public void Pull_UnknownTag_NotFoundAndNothingStored()
    {
        var e = Assert.Throws<RegistryException>(() => target.Registry.Pull(ImageReference.Parse(Name("never-pushed")), remote.Options()));

        Assert.Equal(RegistryErrorKind.NotFound, e.Kind);
        Assert.Contains("never-pushed", e.Message, StringComparison.Ordinal);
        Assert.Empty(target.Registry.ListRefs());
        Assert.Empty(Directory.Exists(target.Registry.Blobs.Sha256Directory) ? Directory.GetFiles(target.Registry.Blobs.Sha256Directory) : []);
    }

    [Fact]
    public void Load_NotLocal_PullsFromRegistry()
    {
        var name = Name("load-pulls");
        var committed = SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());

        using var loaded = Experiment.Load(target.Registry, name, new ExperimentLoadOptions { Remote = remote.Options() });

        Assert.Equal(committed.Digest, loaded.Manifest!.Digest);
        Assert.Equal(committed.Digest, target.Registry.Resolve(ImageReference.Parse(name)));
    }

    [Fact]
    public void Load_NotLocalPullForbidden_ArtifactNotFoundWithoutNetwork()
    {
        var name = Name("load-forbidden");
        SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());
        RecordingHandler? recorder = null;

        var e = Assert.Throws<ArtifactNotFoundException>(() => Experiment.Load(
            target.Registry, name, new ExperimentLoadOptions { AllowPull = false, Remote = remote.Options(transport: h => recorder = new RecordingHandler(h)) }));

        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Null(recorder);
        Assert.Empty(target.Registry.ListRefs());
    }

    [Fact]
    public void Load_NotLocalNorRemote_ArtifactNotFoundNamingBoth()
    {
        var name = Name("load-missing");

        var e = Assert.Throws<ArtifactNotFoundException>(() => Experiment.Load(target.Registry, name, new ExperimentLoadOptions { Remote = remote.Options() }));

        Assert.Contains("nor in registry " + remote.Host, e.Message, StringComparison.Ordinal);
        Assert.IsType<RegistryException>(e.InnerException);
    }

    [Fact]
    public void Push_AnonymousName_Refused()
    {
        using var experiment = Experiment.Create(source.Registry);
        experiment.Run(run => run.LogParameter("x", 1));
        experiment.Commit();

        var e = Assert.Throws<OmmxException>(() => experiment.Push(remote.Options()));

        Assert.Contains(".ommx.local", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_FailedCheckpoint_RefusedAsNotCommitted()
    {
        using var experiment = Experiment.Create(source.Registry, Name("checkpoint"));
        experiment.Run(run => run.LogParameter("x", 1));
        experiment.CommitFailedCheckpoint("boom");

        var e = Assert.Throws<ExperimentStateException>(() => experiment.Push(remote.Options()));

        Assert.Contains("only committed Experiments can be pushed", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
