using System.Net;

namespace Ommx.Integration.Distribution;

/// <summary>
/// HTTP to one registry host: adds authorization (answering 401 challenges once per request) on requests to
/// the registry's own origin only, follows the redirects of GET and HEAD itself so that every hop passes the
/// <see cref="TransportPolicy"/>, turns transport failures into <see cref="RegistryException"/>s that say
/// whether they are transient, and retries transient failures with the configured backoff when asked to.
/// </summary>
internal sealed class RegistryHttp : IDisposable
{
    private readonly HttpClient client;
    private const int MaxRedirects = 5;
    private const int MaxErrorBodyBytes = 64 << 10;
    private readonly RegistryAuthenticator auth;
    private readonly TransportPolicy policy;
    private readonly TimeSpan idleTimeout;

    public RegistryHttp(RegistryEndpoint endpoint, RemoteOptions options)
    {
        Endpoint = endpoint;
        Retry = options.Retry;
        idleTimeout = options.IdleTimeout;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20),
            // Redirects are followed by Follow, which applies the credential and plain-HTTP rules to every hop.
            AllowAutoRedirect = false,
        };
        client = new HttpClient(options.Transport?.Invoke(handler) ?? handler, disposeHandler: true) { Timeout = options.RequestTimeout };
        policy = new TransportPolicy(endpoint, options.Insecure);
        auth = new RegistryAuthenticator(endpoint, options.Credentials ?? CredentialChain.Default(), policy);
    }

    public RegistryEndpoint Endpoint { get; }

    public RetryPolicy Retry { get; }

    /// <summary>
    /// Sends an authorized request built by <paramref name="create"/> (called again for every retry) and
    /// returns the response whatever its status, except 401/403, which throw. With <paramref name="retry"/>,
    /// 5xx, 429 and transient transport failures are retried.
    /// </summary>
    public HttpResponseMessage Send(Func<HttpRequestMessage> create, string scope, bool retry = true) =>
        Retrying(() => SendAuthorized(create, scope), retry);

    /// <summary>Runs <paramref name="body"/> again after a pause while it fails transiently (bounded).</summary>
    public T Retrying<T>(Func<T> body, bool retry = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = body();
                if (retry && result is HttpResponseMessage response && IsTransient(response.StatusCode) && attempt < Retry.MaxAttempts)
                {
                    var after = response.Headers.RetryAfter?.Delta;
                    response.Dispose();
                    Retry.Wait(attempt, after);
                    continue;
                }

                return result;
            }
            catch (RegistryException e) when (retry && e.IsTransient && attempt < Retry.MaxAttempts)
            {
                Retry.Wait(attempt);
            }
        }
    }

    public static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    private HttpResponseMessage SendAuthorized(Func<HttpRequestMessage> create, string scope)
    {
        var response = Follow(create, scope);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var asked = response.RequestMessage!;
            if (!policy.IsRegistryOrigin(asked.RequestUri!))
            {
                response.Dispose();
                throw new RegistryException(
                    RegistryErrorKind.Authentication,
                    $"{asked.RequestUri!.Scheme}://{asked.RequestUri.Authority}, where registry {Endpoint.Host} sent {Describe(asked)}, asked for credentials; "
                    + $"refused: the credentials for {Endpoint.Host} are sent only to {Endpoint.BaseUri.GetLeftPart(UriPartial.Authority)}");
            }

            if (asked.Headers.Authorization is not null)
            {
                auth.Forget(scope);
            }

            try
            {
                auth.Answer(response, scope, next => Transmit(next()));
            }
            finally
            {
                response.Dispose();
            }

            response = Follow(create, scope);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var what = Describe(response.RequestMessage!);
                response.Dispose();
                throw new RegistryException(
                    RegistryErrorKind.Authentication,
                    $"Authentication to {Endpoint.Host} failed: the registry rejected the credentials ({what} answered 401 Unauthorized)");
            }
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var what = Describe(response.RequestMessage!);
            response.Dispose();
            throw new RegistryException(RegistryErrorKind.Authorization, $"Registry {Endpoint.Host} denied {what} (403 Forbidden): the credentials lack permission for {scope}");
        }

        return response;
    }

    /// <summary>
    /// Sends the request <paramref name="create"/> builds, and for GET and HEAD follows up to
    /// <see cref="MaxRedirects"/> redirects with a fresh request each. Every hop must pass the
    /// <see cref="TransportPolicy"/>; only hops to the registry's origin carry its authorization.
    /// </summary>
    private HttpResponseMessage Follow(Func<HttpRequestMessage> create, string scope)
    {
        var request = create();
        for (var hop = 0; ; hop++)
        {
            var uri = request.RequestUri!;
            policy.Check(uri, hop == 0 ? $"the URL for {request.Method}" : $"a redirect for {request.Method}");
            request.Headers.Authorization = null;
            if (policy.IsRegistryOrigin(uri))
            {
                auth.Apply(request, scope);
            }

            var response = Transmit(request);
            if (!IsRedirect(response.StatusCode) || (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
                || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            if (hop == MaxRedirects)
            {
                throw new RegistryException(RegistryErrorKind.Protocol, $"Registry {Endpoint.Host}: {Describe(request)} was redirected more than {MaxRedirects} times");
            }

            var next = create();
            next.RequestUri = new Uri(uri, location);
            request = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>
    /// One HTTP exchange, no authorization, no retry; failures become transport errors. The exchange is
    /// watched from the first byte sent until the response is disposed: when it stalls (see
    /// <see cref="StallWatch"/>) the wait for headers or the pending body read fails.
    /// </summary>
    public HttpResponseMessage Transmit(HttpRequestMessage request)
    {
        var what = Describe(request);
        var watch = new StallWatch(idleTimeout, $"Registry {Endpoint.Host} ({what})");
        if (request.Content is { } upload)
        {
            request.Content = new StallWatchedRequestContent(upload, watch);
        }

        try
        {
            var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, watch.Token);
            response.Content = new StallWatchedResponseContent(response.Content, watch);
            return response;
        }
        catch (Exception e) when (watch.Stalled && e is OperationCanceledException or HttpRequestException or IOException)
        {
            watch.Dispose();
            throw new RegistryException(RegistryErrorKind.Transport, watch.Message, e) { IsTransient = true };
        }
        catch (HttpRequestException e)
        {
            watch.Dispose();
            var permanent = e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
                or HttpRequestError.ConfigurationLimitExceeded or HttpRequestError.UserAuthenticationError;
            throw new RegistryException(RegistryErrorKind.Transport, $"Cannot reach registry {Endpoint.Host} ({what}): {e.Message}", e) { IsTransient = !permanent };
        }
        catch (TaskCanceledException e)
        {
            watch.Dispose();
            throw new RegistryException(RegistryErrorKind.Transport, $"Registry {Endpoint.Host} timed out ({what})", e) { IsTransient = true };
        }
        catch (IOException e)
        {
            watch.Dispose();
            throw new RegistryException(RegistryErrorKind.Transport, $"Connection to registry {Endpoint.Host} broke ({what}): {e.Message}", e) { IsTransient = true };
        }
    }

    /// <summary>
    /// The whole body when it has at most <paramref name="max"/> bytes, else <c>null</c> (having read only
    /// <paramref name="max"/> + 1 bytes, whatever <c>Content-Length</c> says or does not say).
    /// </summary>
    public static byte[]? ReadAtMost(HttpResponseMessage response, int max)
    {
        if (response.Content.Headers.ContentLength > max)
        {
            return null;
        }

        using var stream = response.Content.ReadAsStream();
        var buffer = new byte[Math.Min(max + 1, 81920)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > max)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)max + 1, buffer.Length * 2L));
            }

            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0)
            {
                return length > max ? null : buffer[..length];
            }

            length += n;
        }
    }

    /// <summary><c>METHOD /path</c> without the query: upload URLs carry session state that has no place in messages.</summary>
    public static string Describe(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.AbsolutePath}";

    public RegistryException Unexpected(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var kind = response.StatusCode == HttpStatusCode.NotFound ? RegistryErrorKind.NotFound : IsTransient(response.StatusCode) ? RegistryErrorKind.Transport : RegistryErrorKind.Protocol;
        var detail = ErrorDetail(response);
        return new RegistryException(kind, $"Registry {Endpoint.Host}: {what} answered HTTP {status} {response.ReasonPhrase}{detail}")
        {
            IsTransient = IsTransient(response.StatusCode),
        };
    }

    /// <summary>
    /// The first OCI error code and message from the body (<c>{"errors":[{"code","message"}]}</c>), if any;
    /// at most <see cref="MaxErrorBodyBytes"/> of the body are read.
    /// </summary>
    private static string ErrorDetail(HttpResponseMessage response)
    {
        try
        {
            if (ReadAtMost(response, MaxErrorBodyBytes) is not { } body)
            {
                return $" (error body longer than {MaxErrorBodyBytes / 1024} KiB, not read)";
            }

            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == System.Text.Json.JsonValueKind.Array
                && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.ToString() : "";
                var message = first.TryGetProperty("message", out var m) ? m.ToString() : "";
                return $" ({code}: {message})";
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or HttpRequestException or InvalidOperationException)
        {
        }

        return string.Empty;
    }

    public void Dispose() => client.Dispose();
}
