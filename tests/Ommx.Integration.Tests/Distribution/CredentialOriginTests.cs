using System.Text;
using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>
/// Credentials go only to the registry's origin (scheme, host, port): upload <c>Location</c>s and redirects
/// to another origin get no <c>Authorization</c>, and plain HTTP to a host that is not loopback is refused
/// unless the user allowed it for that host. The "other origin" is a second hostile server, which records
/// every header it receives.
/// </summary>
public sealed class CredentialOriginTests : IDisposable
{
    private const string User = "alice";
    private const string Password = "s3cret-for-origin-tests";
    private const string Token = "registry-token-for-origin-tests";
    private static readonly string BasicHeader = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
    private readonly TempRegistry source = new();
    private readonly TempRegistry target = new();
    private readonly InMemoryOciStore store = new();

    [Theory]
    [InlineData("Basic")]
    [InlineData("Bearer")]
    public void Push_UploadLocationOnAnotherPort_NoCredentialsSentThere(string scheme)
    {
        using var storage = new HostileRegistry(store.Answer);
        store.UploadOrigin = storage.Origin;
        using var registry = new HostileRegistry(r => Guarded(r, scheme, registryHost: null));
        var name = $"{registry.Host}/team/exp:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);

        var pushed = source.Registry.Push(ImageReference.Parse(name), Options());

        Assert.Equal(committed.Digest, pushed.ManifestDigest);
        Assert.NotEmpty(storage.Requests);
        Assert.All(storage.Requests, r => Assert.Null(r.Header("Authorization")));
        Assert.Contains(registry.Requests, r => r.Path.Contains("/manifests/", StringComparison.Ordinal) && r.Header("Authorization") is not null);
        Assert.Equal(pushed.BlobsUploaded, storage.Requests.Count(r => r.Method == "PUT"));
    }

    [Fact]
    public void Pull_RedirectToAnotherPort_NoCredentialsThere_SameOriginRedirectKeepsThem()
    {
        var name = "team/exp:v1";
        using var cdn = new HostileRegistry(store.Answer);
        using var registry = new HostileRegistry(r => r.Path.Contains("/blobs/sha256:", StringComparison.Ordinal) && r.Method == "GET"
            ? Guarded(r, "Basic", null, _ => HostileReply.Status(307, [], ("Location", cdn.Origin + r.Path)))
            : r.Path.Contains("/manifests/", StringComparison.Ordinal) && r.Method is "GET" or "HEAD" && !r.Path.StartsWith("/moved", StringComparison.Ordinal)
                ? Guarded(r, "Basic", null, _ => HostileReply.Status(302, [], ("Location", "/moved" + r.Path)))
                : Guarded(r, "Basic", null, x => store.Answer(Unmoved(x))));
        var committed = SampleExperiments.Commit(source.Registry, $"{registry.Host}/{name}");
        store.UploadOrigin = null;
        source.Registry.Push(ImageReference.Parse($"{registry.Host}/{name}"), Options());

        var pulled = target.Registry.Pull(ImageReference.Parse($"{registry.Host}/{name}"), Options());

        Assert.Equal(committed.Digest, pulled.ManifestDigest);
        Assert.NotEmpty(cdn.Requests);
        Assert.All(cdn.Requests, r => Assert.Null(r.Header("Authorization")));
        Assert.Contains(registry.Requests, r => r.Path.StartsWith("/moved/", StringComparison.Ordinal) && r.Header("Authorization") == BasicHeader);
    }

    [Theory]
    [InlineData("same host")]
    [InlineData("other host")]
    public void Push_HttpsRegistryUploadLocationOnPlainHttp_RefusedBeforeSending(string where)
    {
        using var certificate = TestCertificates.SelfSigned("registry.test");
        using var plain = new HostileRegistry(store.Answer);
        using var registry = new HostileRegistry(r => Guarded(r, "Basic", "registry.test"), certificate);
        store.UploadOrigin = where == "same host" ? $"http://registry.test:{plain.Port}" : $"http://storage.test:{plain.Port}";
        var name = $"registry.test:{registry.Port}/team/exp:v1";
        SampleExperiments.Commit(source.Registry, name);

        var e = Assert.Throws<RegistryException>(() => source.Registry.Push(ImageReference.Parse(name), Options(TestHostNames.Transport(certificate))));

        Assert.Equal(RegistryErrorKind.Protocol, e.Kind);
        Assert.Contains("plain HTTP", e.Message, StringComparison.Ordinal);
        Assert.Contains("--insecure", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, plain.Connections);
        Assert.DoesNotContain(registry.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public void Push_InsecureRegistry_PlainHttpAllowedForItsHostOnly()
    {
        using var plain = new HostileRegistry(store.Answer);
        using var registry = new HostileRegistry(r => Guarded(r, "Basic", null));
        var name = $"registry.test:{registry.Port}/team/exp:v1";
        var committed = SampleExperiments.Commit(source.Registry, name);
        var insecure = Options(TestHostNames.Transport()) with { Insecure = true };

        store.UploadOrigin = $"http://storage.test:{plain.Port}";
        var refused = Assert.Throws<RegistryException>(() => source.Registry.Push(ImageReference.Parse(name), insecure));
        store.UploadOrigin = $"http://registry.test:{plain.Port}";
        var pushed = source.Registry.Push(ImageReference.Parse(name), insecure);

        Assert.Contains("storage.test", refused.Message, StringComparison.Ordinal);
        Assert.Equal(committed.Digest, pushed.ManifestDigest);
        Assert.All(plain.Requests, r => Assert.Null(r.Header("Authorization")));
        Assert.DoesNotContain(plain.Requests, r => r.Header("Host")!.StartsWith("storage.test", StringComparison.Ordinal));
    }

    [Fact]
    public void Pull_BearerRealmOnPlainHttpNameStartingWith127_Refused()
    {
        using var realm = new HostileRegistry(_ => HostileReply.Status(200, $"{{\"token\":\"{Token}\"}}"));
        using var registry = new HostileRegistry(r => HostileReply.Status(
            401, "{}", ("WWW-Authenticate", $"Bearer realm=\"http://127.evil.test:{realm.Port}/token\",service=\"x\"")));

        var e = Assert.Throws<RegistryException>(() => target.Registry.Pull(ImageReference.Parse($"{registry.Host}/team/exp:v1"), Options(TestHostNames.Transport())));

        Assert.Equal(RegistryErrorKind.Authentication, e.Kind);
        Assert.Contains("127.evil.test", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, realm.Connections);
    }

    /// <summary>
    /// The registry's gate: <c>/token</c> issues <see cref="Token"/> for the right Basic credentials; every other
    /// request needs the scheme's credentials (else a 401 challenge) and is then answered by <paramref name="next"/>.
    /// </summary>
    private HostileReply Guarded(HostileRequest request, string scheme, string? registryHost, Func<HostileRequest, HostileReply>? next = null)
    {
        var host = registryHost is null ? request.Header("Host") : $"{registryHost}:{request.Header("Host")!.Split(':')[^1]}";
        var origin = (registryHost is null ? "http://" : "https://") + host;
        if (request.Path == "/token")
        {
            return request.Header("Authorization") == BasicHeader
                ? HostileReply.Status(200, $"{{\"token\":\"{Token}\"}}")
                : HostileReply.Status(401, "{}");
        }

        var expected = scheme == "Basic" ? BasicHeader : "Bearer " + Token;
        if (request.Header("Authorization") != expected)
        {
            var challenge = scheme == "Basic" ? "Basic realm=\"test\"" : $"Bearer realm=\"{origin}/token\",service=\"test\"";
            return HostileReply.OciError(401, "UNAUTHORIZED", "authentication required", ("WWW-Authenticate", challenge));
        }

        return (next ?? store.Answer)(request);
    }

    private static HostileRequest Unmoved(HostileRequest request) =>
        request.Path.StartsWith("/moved/", StringComparison.Ordinal) ? request with { Target = request.Target["/moved".Length..] } : request;

    private static RemoteOptions Options(Func<HttpMessageHandler, HttpMessageHandler>? transport = null) => new()
    {
        Credentials = new FixedCredentials(RegistryCredential.Basic(User, Password)),
        Retry = new RetryPolicy { MaxAttempts = 2, Sleep = (_, _) => { } },
        Transport = transport,
    };

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }
}
