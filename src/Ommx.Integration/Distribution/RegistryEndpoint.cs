namespace Ommx.Integration.Distribution;

/// <summary>The base URL of a registry host: HTTPS, or HTTP for loopback hosts or when explicitly insecure.</summary>
internal sealed record RegistryEndpoint(string Host, Uri BaseUri)
{
    public static RegistryEndpoint For(string registry, bool insecure)
    {
        var host = registry == "docker.io" ? "index.docker.io" : registry;
        var scheme = insecure || IsLoopback(host) ? "http" : "https";
        return new RegistryEndpoint(registry, new Uri($"{scheme}://{host}/"));
    }

    /// <summary><c>localhost</c>, <c>127.x.y.z</c> or <c>::1</c>, with or without a port.</summary>
    public static bool IsLoopback(string hostWithPort)
    {
        var host = hostWithPort;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? host[1..close] : host;
        }
        else if (host.Count(c => c == ':') == 1)
        {
            host = host[..host.IndexOf(':', StringComparison.Ordinal)];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal) || host == "::1";
    }

    public Uri Url(string relative) => new(BaseUri, relative);

    public string Describe(string repository) => $"{Host}/{repository}";
}
