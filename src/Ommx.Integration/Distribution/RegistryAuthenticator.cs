using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Authorization for one registry host: anonymous until the registry challenges; then HTTP Basic, or a
/// Bearer token fetched from the challenge's realm (with Basic credentials when there are any) and cached
/// per scope. An identity token from the Docker config is sent as the Bearer token directly. Nothing here
/// ever puts a secret into a message.
/// </summary>
internal sealed class RegistryAuthenticator
{
    private readonly RegistryEndpoint endpoint;
    private readonly ICredentialSource source;
    private const int MaxTokenResponseBytes = 1 << 20;
    private readonly TransportPolicy policy;
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);
    private RegistryCredential? credential;
    private bool credentialResolved;
    private bool useBasic;

    public RegistryAuthenticator(RegistryEndpoint endpoint, ICredentialSource source, TransportPolicy policy)
    {
        this.endpoint = endpoint;
        this.source = source;
        this.policy = policy;
    }

    /// <summary>Adds what this host is known to want for <paramref name="scope"/>; returns whether anything was added.</summary>
    public bool Apply(HttpRequestMessage request, string scope)
    {
        if (tokens.TryGetValue(scope, out var token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return true;
        }

        if (useBasic && Credential() is { IsIdentityToken: false } basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic.BasicParameter());
            return true;
        }

        return false;
    }

    /// <summary>
    /// Answers a 401: learns the scheme and obtains what it asks for. Throws an authentication error when
    /// that is impossible (no credentials for Basic, token service refused).
    /// </summary>
    public void Answer(HttpResponseMessage unauthorized, string scope, Func<Func<HttpRequestMessage>, HttpResponseMessage> send)
    {
        var challenges = unauthorized.Headers.WwwAuthenticate.Select(h => AuthChallenge.Parse(h.ToString())).OfType<AuthChallenge>().ToList();
        var bearer = challenges.FirstOrDefault(c => c.IsBearer);
        if (bearer is not null)
        {
            tokens[scope] = FetchToken(bearer, scope, send);
            return;
        }

        if (challenges.Any(c => c.IsBasic))
        {
            if (Credential() is null or { IsIdentityToken: true })
            {
                throw NoCredentials("HTTP Basic");
            }

            useBasic = true;
            return;
        }

        throw new RegistryException(RegistryErrorKind.Authentication, $"Registry {endpoint.Host} answered 401 Unauthorized without a usable WWW-Authenticate challenge");
    }

    private string FetchToken(AuthChallenge challenge, string scope, Func<Func<HttpRequestMessage>, HttpResponseMessage> send)
    {
        var cred = Credential();
        if (cred is { IsIdentityToken: true })
        {
            return cred.IdentityToken!;
        }

        if (challenge["realm"] is not { Length: > 0 } realm || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri)
            || realmUri.Scheme is not ("https" or "http"))
        {
            throw new RegistryException(RegistryErrorKind.Authentication, $"Registry {endpoint.Host} sent a Bearer challenge without a valid realm URL");
        }

        if (!policy.Allows(realmUri))
        {
            throw new RegistryException(
                RegistryErrorKind.Authentication,
                $"Registry {endpoint.Host} wants tokens from plain-HTTP realm {realmUri.Authority}; refused: credentials go over plain HTTP only to "
                + "loopback addresses and, with --insecure, to the registry's own host");
        }

        var query = new List<string>();
        if (challenge["service"] is { } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.AddRange(scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => "scope=" + Uri.EscapeDataString(s)));
        var builder = new UriBuilder(realmUri);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join('&', new[] { existing }.Where(q => q.Length > 0).Concat(query));
        var tokenUri = builder.Uri;
        using var response = send(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, tokenUri);
            if (cred is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", cred.BasicParameter());
            }

            return request;
        });
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw cred is null
                ? NoCredentials("a token")
                : new RegistryException(
                    RegistryErrorKind.Authentication,
                    $"Authentication to {endpoint.Host} failed: the token service at {realmUri.Authority} rejected the credentials (HTTP {(int)response.StatusCode})");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(
                RegistryErrorKind.Authentication,
                $"Token service {realmUri.Authority} for {endpoint.Host} answered HTTP {(int)response.StatusCode}",
                null)
            { IsTransient = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests };
        }

        byte[] body;
        try
        {
            body = RegistryHttp.ReadAtMost(response, MaxTokenResponseBytes)
                ?? throw new RegistryException(
                    RegistryErrorKind.Authentication,
                    $"Token service {realmUri.Authority} for {endpoint.Host} sent a response larger than {MaxTokenResponseBytes >> 20} MiB; refused");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new RegistryException(
                RegistryErrorKind.Transport, $"Connection to token service {realmUri.Authority} for {endpoint.Host} broke: {e.Message}", e) { IsTransient = true };
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var name in new[] { "token", "access_token" })
            {
                if (doc.RootElement.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } token)
                {
                    return token;
                }
            }
        }
        catch (JsonException)
        {
        }

        throw new RegistryException(RegistryErrorKind.Authentication, $"Token service {realmUri.Authority} for {endpoint.Host} returned no token");
    }

    private RegistryCredential? Credential()
    {
        if (!credentialResolved)
        {
            credential = source.Find(endpoint.Host);
            credentialResolved = true;
        }

        return credential;
    }

    private RegistryException NoCredentials(string what) => new(
        RegistryErrorKind.Authentication,
        $"Registry {endpoint.Host} requires authentication ({what}) and no credentials were found: run `docker login {endpoint.Host}` "
        + $"or set {EnvironmentCredentials.DomainVariable}={endpoint.Host}, {EnvironmentCredentials.UsernameVariable} and {EnvironmentCredentials.PasswordVariable}");

    /// <summary>Forgets a rejected token or Basic choice so the next challenge is answered afresh.</summary>
    public void Forget(string scope) => tokens.Remove(scope);
}
