using System.Net;

namespace Ommx.Integration.Distribution;

/// <summary>
/// HTTP to one registry host: adds authorization (answering 401 challenges once per request), turns
/// transport failures into <see cref="RegistryException"/>s that say whether they are transient, and
/// retries transient failures with the configured backoff when asked to.
/// </summary>
internal sealed class RegistryHttp : IDisposable
{
    private readonly HttpClient client;
    private readonly RegistryAuthenticator auth;

    public RegistryHttp(RegistryEndpoint endpoint, RemoteOptions options)
    {
        Endpoint = endpoint;
        Retry = options.Retry;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20),
            AllowAutoRedirect = true,
        };
        client = new HttpClient(options.Transport?.Invoke(handler) ?? handler, disposeHandler: true) { Timeout = options.RequestTimeout };
        auth = new RegistryAuthenticator(endpoint, options.Credentials ?? CredentialChain.Default(), options.Insecure);
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
        var request = create();
        var what = Describe(request);
        var authorized = auth.Apply(request, scope);
        var response = Transmit(request);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            if (authorized)
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

            request = create();
            auth.Apply(request, scope);
            response = Transmit(request);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Dispose();
                throw new RegistryException(
                    RegistryErrorKind.Authentication,
                    $"Authentication to {Endpoint.Host} failed: the registry rejected the credentials ({what} answered 401 Unauthorized)");
            }
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            response.Dispose();
            throw new RegistryException(RegistryErrorKind.Authorization, $"Registry {Endpoint.Host} denied {what} (403 Forbidden): the credentials lack permission for {scope}");
        }

        return response;
    }

    /// <summary>One HTTP exchange, no authorization, no retry; failures become transport errors.</summary>
    public HttpResponseMessage Transmit(HttpRequestMessage request)
    {
        var what = Describe(request);
        try
        {
            return client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e)
        {
            var permanent = e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
                or HttpRequestError.ConfigurationLimitExceeded or HttpRequestError.UserAuthenticationError;
            throw new RegistryException(RegistryErrorKind.Transport, $"Cannot reach registry {Endpoint.Host} ({what}): {e.Message}", e) { IsTransient = !permanent };
        }
        catch (TaskCanceledException e)
        {
            throw new RegistryException(RegistryErrorKind.Transport, $"Registry {Endpoint.Host} timed out ({what})", e) { IsTransient = true };
        }
        catch (IOException e)
        {
            throw new RegistryException(RegistryErrorKind.Transport, $"Connection to registry {Endpoint.Host} broke ({what}): {e.Message}", e) { IsTransient = true };
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

    /// <summary>The first OCI error code and message from the body (<c>{"errors":[{"code","message"}]}</c>), if any.</summary>
    private static string ErrorDetail(HttpResponseMessage response)
    {
        try
        {
            if (response.Content.Headers.ContentLength is > 65536)
            {
                return string.Empty;
            }

            var body = response.Content.ReadAsStream();
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
