namespace Ommx.Integration.Distribution;

/// <summary>The base URL of a registry host: HTTPS, or HTTP for loopback addresses (see <see cref="TransportPolicy"/>) or when explicitly insecure.</summary>
internal sealed record RegistryEndpoint(string Host, Uri BaseUri)
{
    public static RegistryEndpoint For(string registry, bool insecure)
    {
        var host = registry == "docker.io" ? "index.docker.io" : registry;
        var scheme = insecure || TransportPolicy.IsLoopbackRegistry(host) ? "http" : "https";
        return new RegistryEndpoint(registry, new Uri($"{scheme}://{host}/"));
    }

    public Uri Url(string relative) => new(BaseUri, relative);

    public string Describe(string repository) => $"{Host}/{repository}";
}
