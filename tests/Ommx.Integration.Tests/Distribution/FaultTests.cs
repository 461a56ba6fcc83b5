using System.Diagnostics;
using System.Net;
using Ommx.Integration.Distribution;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>Crashes, flaky answers and corruption on the wire. Owns its registry: some tests kill it.</summary>
[Trait("Category", "RealRegistry")]
public sealed class FaultTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly DistributionRegistry remote;
    private readonly TempRegistry source = new();
    private readonly TempRegistry target = new();

    public FaultTests(RegistryFixture fixture) => remote = fixture.Registry;

    [Fact]
    public void Push_RegistryKilledAfterFirstBlob_FailsWithoutManifestThenRetriedPushCompletes()
    {
        var name = $"{remote.Host}/ommx-tests/killed:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        var total = source.Registry.ReadManifest(committed.Digest).Manifest.Blobs().DistinctBy(b => b.Digest).Count();
        var killed = false;
        RecordingHandler? recorder = null;
        var options = remote.Options(transport: h =>
        {
            recorder = new RecordingHandler(h);
            recorder.After = (request, response) =>
            {
                if (!killed && request.Method == HttpMethod.Put && response.StatusCode == HttpStatusCode.Created
                    && request.RequestUri!.AbsolutePath.Contains("/blobs/uploads/", StringComparison.Ordinal))
                {
                    killed = true;
                    remote.Kill();
                }
            };
            return recorder;
        });

        RegistryException e;
        try
        {
            e = Assert.Throws<RegistryException>(() => source.Registry.Push(ImageReference.Parse(name), options));
        }
        finally
        {
            if (killed)
            {
                remote.Start();
            }
        }

        Assert.Equal(RegistryErrorKind.Transport, e.Kind);
        Assert.Equal(0, recorder!.Count("PUT", "/manifests/"));
        var missing = Assert.Throws<RegistryException>(() => target.Registry.Pull(ImageReference.Parse(name), remote.Options()));
        Assert.Equal(RegistryErrorKind.NotFound, missing.Kind);

        var retried = source.Registry.Push(ImageReference.Parse(name), remote.Options());

        Assert.Equal(1, retried.BlobsAlreadyPresent);
        Assert.Equal(total - 1, retried.BlobsUploaded);
        Assert.Equal(committed.Digest, target.Registry.Pull(ImageReference.Parse(name), remote.Options()).ManifestDigest);
    }

    [Fact]
    public void Push_RegistryRestartsDuringBackoff_SinglePushCompletes()
    {
        var name = $"{remote.Host}/ommx-tests/restarted:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        var killed = false;
        var waits = new List<TimeSpan>();
        var options = remote.Options(transport: h => new RecordingHandler(h)
        {
            After = (request, response) =>
            {
                if (!killed && request.Method == HttpMethod.Put && response.StatusCode == HttpStatusCode.Created)
                {
                    killed = true;
                    remote.Kill();
                }
            },
        }) with
        {
            Retry = new RetryPolicy
            {
                MaxAttempts = 4,
                Sleep = (_, delay) =>
                {
                    waits.Add(delay);
                    if (waits.Count == 2)
                    {
                        remote.Start();
                    }
                },
            },
        };

        var pushed = source.Registry.Push(ImageReference.Parse(name), options);

        Assert.True(killed);
        Assert.Equal(committed.Digest, pushed.ManifestDigest);
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], waits);
        Assert.Equal(committed.Digest, target.Registry.Pull(ImageReference.Parse(name), remote.Options()).ManifestDigest);
    }

    [Fact]
    public void Push_ConnectionBreaksAfterRegistryStoredBlob_RetryDoesNotUploadAgain()
    {
        var name = $"{remote.Host}/ommx-tests/lost-answer:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        var total = source.Registry.ReadManifest(committed.Digest).Manifest.Blobs().DistinctBy(b => b.Digest).Count();
        var broken = false;
        RecordingHandler? recorder = null;
        var options = remote.Options(transport: h => recorder = new RecordingHandler(h)
        {
            After = (request, response) =>
            {
                if (!broken && request.Method == HttpMethod.Put && response.StatusCode == HttpStatusCode.Created)
                {
                    broken = true;
                    throw new IOException("connection reset after the registry answered");
                }
            },
        });

        var pushed = source.Registry.Push(ImageReference.Parse(name), options);

        Assert.True(broken);
        Assert.Equal(total, pushed.BlobsUploaded);
        Assert.Equal(total, recorder!.BlobUploads);
    }

    [Fact]
    public void Pull_TransientFailures_RetriedWithBackoffThenSucceeds()
    {
        var name = $"{remote.Host}/ommx-tests/flaky:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());
        var answers = new Queue<Func<HttpResponseMessage?>>([
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => new HttpResponseMessage(HttpStatusCode.TooManyRequests),
            () => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset by peer"),
        ]);
        var sleeps = 0;
        var options = remote.Options(transport: h => new RecordingHandler(h)
        {
            Intercept = request => request.RequestUri!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal) && answers.Count > 0 ? answers.Dequeue()() : null,
        }) with
        {
            Retry = new RetryPolicy { MaxAttempts = 4, Sleep = (_, _) => sleeps++ },
        };

        var pulled = target.Registry.Pull(ImageReference.Parse(name), options);

        Assert.Equal(committed.Digest, pulled.ManifestDigest);
        Assert.Equal(3, sleeps);
    }

    [Fact]
    public void Pull_PersistentServerError_GivesUpAfterMaxAttempts()
    {
        var name = $"{remote.Host}/ommx-tests/down:v1";
        var attempts = 0;
        var options = remote.Options(transport: h => new RecordingHandler(h)
        {
            Intercept = _ =>
            {
                attempts++;
                return new HttpResponseMessage(HttpStatusCode.BadGateway);
            },
        });

        var e = Assert.Throws<RegistryException>(() => target.Registry.Pull(ImageReference.Parse(name), options));

        Assert.Equal(RegistryErrorKind.Transport, e.Kind);
        Assert.Contains("502", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void Pull_BlobCorruptedOnTheWire_RejectedAndNothingPublished()
    {
        var name = $"{remote.Host}/ommx-tests/corrupt:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());
        var payload = source.Registry.ReadManifest(committed.Digest).Manifest.Layers.MaxBy(l => l.Size)!;
        using var proxy = new ForwardingProxy(remote.Host)
        {
            RewriteBody = (path, body) =>
            {
                if (path.EndsWith("/blobs/" + payload.Digest, StringComparison.Ordinal))
                {
                    body[body.Length / 2] ^= 0x01;
                }

                return body;
            },
        };
        var viaProxy = $"{proxy.Host}/ommx-tests/corrupt:v1";

        var e = Assert.Throws<RegistryException>(() => target.Registry.Pull(ImageReference.Parse(viaProxy), remote.Options()));

        Assert.Equal(RegistryErrorKind.InvalidArtifact, e.Kind);
        Assert.Contains(payload.Digest.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Empty(target.Registry.ListRefs());
        Assert.Empty(Directory.GetFiles(target.Registry.Blobs.Sha256Directory));
        // The same pull without the corrupting proxy works: the content was fine, the wire was not.
        Assert.Equal(committed.Digest, target.Registry.Pull(ImageReference.Parse(name), remote.Options()).ManifestDigest);
    }

    [Fact]
    public void Pull_ManifestCorruptedOnTheWire_RejectedAndNothingPublished()
    {
        var name = $"{remote.Host}/ommx-tests/corrupt-manifest:v1";
        SampleExperiments.Commit(source.Registry, name);
        source.Registry.Push(ImageReference.Parse(name), remote.Options());
        using var proxy = new ForwardingProxy(remote.Host)
        {
            // Same length, last byte changed: the digest check must fire before anything is parsed or stored.
            RewriteBody = (path, body) => path.Contains("/manifests/", StringComparison.Ordinal)
                ? [.. body[..^1], (byte)(body[^1] == (byte)'}' ? ' ' : '}')]
                : body,
        };

        var e = Assert.Throws<RegistryException>(() => target.Registry.Pull(ImageReference.Parse($"{proxy.Host}/ommx-tests/corrupt-manifest:v1"), remote.Options()));

        Assert.Equal(RegistryErrorKind.InvalidArtifact, e.Kind);
        Assert.Contains("the registry says sha256:", e.Message, StringComparison.Ordinal);
        Assert.Empty(target.Registry.ListRefs());
        Assert.False(Directory.Exists(target.Registry.Blobs.Sha256Directory) && Directory.GetFiles(target.Registry.Blobs.Sha256Directory).Length > 0);
    }

    [Fact]
    public void Load_UnresolvableRegistryHost_FailsFastWithClearError()
    {
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<RegistryException>(() => Experiment.Load(
            target.Registry, "does-not-resolve.invalid/ommx/none:v1", new ExperimentLoadOptions { Remote = new RemoteOptions { Credentials = new FixedCredentials(null) } }));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
        Assert.Equal(RegistryErrorKind.Transport, e.Kind);
        Assert.Contains("does-not-resolve.invalid", e.Message, StringComparison.Ordinal);
        Assert.Empty(target.Registry.ListRefs());
    }

    [Fact]
    public void Pull_LocalManifestCorrupt_LocalErrorNotRemote()
    {
        var name = "does-not-resolve.invalid/ommx/corrupt-local:v1";
        var committed = TempRegistry.Commit(target.Registry, name, [1, 2, 3]);
        File.WriteAllText(target.Registry.Blobs.PathFor(committed.Digest), "garbage");

        var e = Assert.ThrowsAny<OmmxException>(() => target.Registry.Pull(ImageReference.Parse(name), remote.Options()));

        Assert.IsNotType<RegistryException>(e);
        Assert.Contains("verification failed", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
