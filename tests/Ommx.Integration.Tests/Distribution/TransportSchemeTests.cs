using System.Net;
using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>Which scheme a registry host is spoken to with (loopback is decided by the address, not the name's text); no registry needed (the transport answers 404).</summary>
public sealed class TransportSchemeTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Theory]
    [InlineData("localhost:5000", false, "http")]
    [InlineData("localhost", false, "http")]
    [InlineData("127.0.0.1:5000", false, "http")]
    [InlineData("127.1.2.3", false, "http")]
    [InlineData("127.255.255.254:80", false, "http")]
    [InlineData("localhost.evil.test", false, "https")]
    [InlineData("127.evil.test", false, "https")]
    [InlineData("127.evil.test:5000", false, "https")]
    [InlineData("127.0.0.1.nip.io", false, "https")]
    [InlineData("128.0.0.1:5000", false, "https")]
    [InlineData("registry.example.com", false, "https")]
    [InlineData("registry.example.com:443", false, "https")]
    [InlineData("ghcr.io", false, "https")]
    [InlineData("registry.example.com:5000", true, "http")]
    public void Pull_Host_UsesExpectedScheme(string host, bool insecure, string scheme)
    {
        var seen = new List<Uri>();
        var options = new RemoteOptions
        {
            Insecure = insecure,
            Credentials = new FixedCredentials(null),
            Transport = h => new RecordingHandler(h)
            {
                Intercept = request =>
                {
                    seen.Add(request.RequestUri!);
                    return new HttpResponseMessage(HttpStatusCode.NotFound);
                },
            },
        };

        var e = Assert.Throws<RegistryException>(() => temp.Registry.Pull(ImageReference.Parse($"{host}/team/exp:v1"), options));

        Assert.Equal(RegistryErrorKind.NotFound, e.Kind);
        var uri = Assert.Single(seen);
        Assert.Equal(scheme, uri.Scheme);
        Assert.Equal(host.Split(':')[0], uri.Host);
        Assert.Equal("/v2/team/exp/manifests/v1", uri.AbsolutePath);
    }

    public void Dispose() => temp.Dispose();
}
