using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>
/// Listing a repository's tags (<c>GET /v2/&lt;repo&gt;/tags/list</c>): every page of a real <c>docker-registry</c>,
/// and the answers a hostile registry can give instead — a next page on another host, a page loop, a body that is
/// not a tag list — each refused with a protocol error naming it.
/// </summary>
[Trait("Category", "RealRegistry")]
public sealed class TagListTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly DistributionRegistry remote;
    private readonly TempRegistry local = new();

    public TagListTests(RegistryFixture fixture) => remote = fixture.Registry;

    [Fact]
    public void ListTags_PagesOfTwo_FollowsEveryNextLinkAndListsEachTagOnce()
    {
        var tags = Enumerable.Range(1, 5).Select(i => $"t{i}").ToArray();
        foreach (var tag in tags)
        {
            var name = $"{remote.Host}/tags/paged:{tag}";
            SampleExperiments.Commit(local.Registry, name, attachmentBytes: 16);
            local.Registry.Push(ImageReference.Parse(name), new RemoteOptions());
        }

        using var client = new RegistryClient(RegistryEndpoint.For(remote.Host, insecure: false), new RemoteOptions());
        var listed = client.ListTags("tags/paged", pageSize: 2);

        Assert.Equal(tags, listed.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("other host", "outside its tag list")]
    [InlineData("loop", "as a page it had sent before")]
    [InlineData("not json", "the body is not JSON")]
    [InlineData("bad tag", "is not a valid tag")]
    public void ListTags_HostileAnswer_RefusedAsAProtocolError(string how, string message)
    {
        using var registry = new HostileRegistry(r => how switch
        {
            "other host" => HostileReply.Status(200, """{"name":"x/y","tags":["a"]}""", ("Link", "<http://198.51.100.7/v2/x/y/tags/list?last=a>; rel=\"next\"")),
            "loop" => HostileReply.Status(200, """{"name":"x/y","tags":["a"]}""", ("Link", $"<{r.Target}>; rel=\"next\"")),
            "not json" => HostileReply.Status(200, "<html>"),
            _ => HostileReply.Status(200, """{"name":"x/y","tags":["a b"]}"""),
        });
        using var client = new RegistryClient(RegistryEndpoint.For(registry.Host, insecure: false), new RemoteOptions { Credentials = new FixedCredentials(null) });

        var e = Assert.Throws<RegistryException>(() => client.ListTags("x/y"));

        Assert.Equal(RegistryErrorKind.Protocol, e.Kind);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(registry.Requests, q => q.Path != "/v2/x/y/tags/list" && q.Path != "/v2/");
    }

    public void Dispose() => local.Dispose();
}
