using System.Net;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Where requests for one registry may go, and what they may carry. Credentials (Basic, tokens) go only to
/// the registry's own origin: the scheme, host and port of its base URL. A request anywhere else (an upload
/// <c>Location</c> or a redirect to another host or port) carries none. Plain HTTP is spoken only to
/// loopback addresses, or, when the user passed <c>--insecure</c>, to the registry's own host; any other
/// <c>http://</c> URL is refused before a byte is sent. Loopback is decided by the address the URL names
/// (127.0.0.0/8, <c>::1</c>) or the name <c>localhost</c>, never by how a host name starts.
/// </summary>
internal sealed class TransportPolicy
{
    private readonly RegistryEndpoint endpoint;
    private readonly bool insecure;

    public TransportPolicy(RegistryEndpoint endpoint, bool insecure)
    {
        this.endpoint = endpoint;
        this.insecure = insecure;
    }

    /// <summary>Same scheme, host and port as the registry's base URL: the only place credentials are sent.</summary>
    public bool IsRegistryOrigin(Uri uri) =>
        uri.Scheme == endpoint.BaseUri.Scheme
        && string.Equals(uri.IdnHost, endpoint.BaseUri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == endpoint.BaseUri.Port;

    /// <summary>HTTPS always; plain HTTP to a loopback address, or to the registry's own host with <c>--insecure</c>.</summary>
    public bool Allows(Uri uri) => uri.Scheme == Uri.UriSchemeHttps
        || (uri.Scheme == Uri.UriSchemeHttp
            && (IsLoopback(uri) || (insecure && string.Equals(uri.IdnHost, endpoint.BaseUri.IdnHost, StringComparison.OrdinalIgnoreCase))));

    /// <summary>Throws unless <see cref="Allows"/>; <paramref name="what"/> says where the URL came from.</summary>
    public void Check(Uri uri, string what)
    {
        if (Allows(uri))
        {
            return;
        }

        throw new RegistryException(
            RegistryErrorKind.Protocol,
            uri.Scheme == Uri.UriSchemeHttp
                ? $"Registry {endpoint.Host} sent {what} on plain HTTP at {uri.Authority}; refused: plain HTTP is used only for loopback addresses "
                  + "and, with --insecure, for the registry's own host (credentials and data would travel unencrypted)"
                : $"Registry {endpoint.Host} sent {what} with unsupported scheme {uri.Scheme}: at {uri.Authority}; only https and http are used");
    }

    /// <summary>A registry name (<c>host</c>, <c>host:port</c>, <c>[v6]:port</c>) that names a loopback address or <c>localhost</c>.</summary>
    public static bool IsLoopbackRegistry(string hostWithPort) =>
        Uri.TryCreate($"http://{hostWithPort}/", UriKind.Absolute, out var uri) && uri.Authority.Length > 0 && IsLoopback(uri);

    /// <summary>The URL's host is in 127.0.0.0/8 or is <c>::1</c> (also as an IPv4-mapped address), or is the name <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri) => uri.HostNameType switch
    {
        UriHostNameType.Dns or UriHostNameType.Basic => uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase),
        UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsLoopback(address),
        _ => false,
    };

    private static bool IsLoopback(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address.GetAddressBytes()[0] == 127
            : address.Equals(IPAddress.IPv6Loopback);
    }
}
