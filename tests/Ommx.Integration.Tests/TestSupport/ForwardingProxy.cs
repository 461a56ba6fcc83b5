using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// A small HTTP reverse proxy on a free loopback port in front of a real registry. It can demand Bearer
/// tokens, issuing them from its own <c>/token</c> endpoint for the right Basic credentials and checking
/// each token's scope against the repository and action; and it can rewrite blob response bodies (to flip
/// a byte on the wire). Bodies are buffered: test blobs are small.
/// </summary>
public sealed class ForwardingProxy : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly string upstreamHost;
    private readonly ConcurrentDictionary<string, string> tokens = new();
    private readonly Thread loop;

    public ForwardingProxy(string upstreamHost)
    {
        this.upstreamHost = upstreamHost;
        Port = DistributionRegistry.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = new Thread(Serve) { IsBackground = true, Name = "test registry proxy" };
        loop.Start();
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    /// <summary>When set, <c>/v2/</c> requests need a token from <c>/token</c>, which wants these Basic credentials.</summary>
    public (string User, string Password)? BearerCredentials { get; set; }

    /// <summary>Rewrites the body of a successful <c>GET</c> of a blob or manifest: (path, bytes) → bytes.</summary>
    public Func<string, byte[], byte[]>? RewriteBody { get; set; }

    public ConcurrentQueue<string> TokenScopes { get; } = new();

    private void Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            ThreadPool.QueueUserWorkItem(_ => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            if (path == "/token")
            {
                IssueToken(context);
            }
            else if (BearerCredentials is not null && !Authorized(context.Request, path))
            {
                var repository = RepositoryOf(path);
                var actions = context.Request.HttpMethod is "GET" or "HEAD" ? "pull" : "pull,push";
                var scope = repository is null ? "" : $",scope=\"repository:{repository}:{actions}\"";
                context.Response.AddHeader("WWW-Authenticate", $"Bearer realm=\"http://{Host}/token\",service=\"ommx-test\"{scope}");
                Reply(context.Response, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"u8.ToArray());
            }
            else
            {
                Forward(context);
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // The client went away, or the registry behind us did: drop this exchange.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private void IssueToken(HttpListenerContext context)
    {
        var expected = BearerCredentials!.Value;
        var header = context.Request.Headers["Authorization"];
        var good = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{expected.User}:{expected.Password}"));
        if (header != good)
        {
            Reply(context.Response, 401, "{\"details\":\"bad credentials\"}"u8.ToArray());
            return;
        }

        var scopes = context.Request.QueryString.GetValues("scope") ?? [];
        var scope = string.Join(' ', scopes);
        TokenScopes.Enqueue(scope);
        var token = Guid.NewGuid().ToString("N");
        tokens[token] = scope;
        Reply(context.Response, 200, Encoding.UTF8.GetBytes($"{{\"token\":\"{token}\",\"expires_in\":300}}"));
    }

    /// <summary>A known token whose scope grants this repository the action (push for writes, pull for reads).</summary>
    private bool Authorized(HttpListenerRequest request, string path)
    {
        var header = request.Headers["Authorization"];
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal) || !tokens.TryGetValue(header[7..], out var scope))
        {
            return false;
        }

        var repository = RepositoryOf(path);
        if (repository is null)
        {
            return true;
        }

        var write = request.HttpMethod is not ("GET" or "HEAD");
        return scope.Split(' ').Any(s => s.StartsWith($"repository:{repository}:", StringComparison.Ordinal)
            && s[(s.LastIndexOf(':') + 1)..].Split(',').Contains(write ? "push" : "pull"));
    }

    private static string? RepositoryOf(string path)
    {
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var marker in new[] { "/blobs/", "/manifests/", "/tags/" })
        {
            var at = path.IndexOf(marker, StringComparison.Ordinal);
            if (at > 4)
            {
                return path[4..at];
            }
        }

        return null;
    }

    private void Forward(HttpListenerContext context)
    {
        var incoming = context.Request;
        var target = new Uri($"http://{upstreamHost}{incoming.RawUrl}");
        using var request = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), target);
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            incoming.InputStream.CopyTo(buffer);
            body = buffer.ToArray();
        }

        if (body.Length > 0 || incoming.HttpMethod is "PUT" or "POST" or "PATCH")
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var name in incoming.Headers.AllKeys.OfType<string>())
        {
            if (name is "Host" or "Connection" or "Content-Length" or "Transfer-Encoding" or "Expect" or "Authorization")
            {
                continue;
            }

            var value = incoming.Headers[name]!;
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.Host = Host;
        using var response = upstream.Send(request);
        var responseBody = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        if (RewriteBody is { } rewrite && incoming.HttpMethod == "GET" && response.StatusCode == HttpStatusCode.OK)
        {
            responseBody = rewrite(incoming.Url!.AbsolutePath, responseBody);
        }

        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (header.Key is "Content-Length" or "Transfer-Encoding" or "Connection" or "Date" or "Server")
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                context.Response.AddHeader(header.Key, header.Key == "Location" ? value.Replace(upstreamHost, Host, StringComparison.Ordinal) : value);
            }
        }

        if (incoming.HttpMethod == "HEAD")
        {
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentLength64 = response.Content.Headers.ContentLength ?? 0;
            context.Response.Close();
            return;
        }

        Reply(context.Response, (int)response.StatusCode, responseBody);
    }

    private static void Reply(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }

    public void Dispose()
    {
        listener.Close();
        loop.Join(TimeSpan.FromSeconds(5));
        upstream.Dispose();
    }
}
