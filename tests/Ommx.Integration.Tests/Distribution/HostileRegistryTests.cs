using System.Diagnostics;
using System.Net;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Distribution;

/// <summary>The hostile registry itself: it records what arrives, answers as scripted, and never outlives its bounds.</summary>
public sealed class HostileRegistryTests
{
    [Fact]
    public void ScriptedAnswer_RecordsHeadersAndBody()
    {
        using var server = new HostileRegistry(r => HostileReply.Status(201, "made", ("Location", "/v2/x/blobs/uploads/1")));
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, server.Origin + "/v2/x/blobs/uploads/?digest=d") { Content = new ByteArrayContent([1, 2, 3]) };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic abc");

        using var response = client.Send(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/v2/x/blobs/uploads/1", response.Headers.Location!.OriginalString);
        Assert.Equal("made", new StreamReader(response.Content.ReadAsStream()).ReadToEnd());
        var seen = Assert.Single(server.Requests);
        Assert.Equal("PUT", seen.Method);
        Assert.Equal("/v2/x/blobs/uploads/", seen.Path);
        Assert.Equal("Basic abc", seen.Header("authorization"));
        Assert.Equal([1, 2, 3], seen.Body);
    }

    [Fact]
    public void StallAndEndlessReplies_EndWhenTheClientLeavesOrTheServerStops()
    {
        var clock = Stopwatch.StartNew();
        var server = new HostileRegistry(r => r.Path == "/stall" ? HostileReply.Stall() : HostileReply.Endless(200));
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) })
        {
            Assert.ThrowsAny<TaskCanceledException>(() => client.Send(new HttpRequestMessage(HttpMethod.Get, server.Origin + "/stall")));
            using var endless = client.Send(new HttpRequestMessage(HttpMethod.Get, server.Origin + "/endless"), HttpCompletionOption.ResponseHeadersRead);
            Assert.Null(endless.Content.Headers.ContentLength);
            var buffer = new byte[1 << 20];
            endless.Content.ReadAsStream().ReadExactly(buffer);
        }

        server.Dispose();

        Assert.Equal(2, server.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), clock.Elapsed.ToString());
    }
}
