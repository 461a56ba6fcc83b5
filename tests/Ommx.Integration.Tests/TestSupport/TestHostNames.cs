using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// Lets tests use non-loopback host names (<c>*.test</c>, RFC 2606) that still reach loopback test servers:
/// the client's transport connects every <c>*.test:port</c> to <c>127.0.0.1:port</c>, and trusts exactly
/// the given self-signed certificate for TLS. What the client decides from the name (HTTPS or not, where
/// credentials go) is unchanged; only DNS and the trust store are replaced.
/// </summary>
public static class TestHostNames
{
    public static Func<HttpMessageHandler, HttpMessageHandler> Transport(X509Certificate2? trusted = null) => handler =>
    {
        var sockets = (SocketsHttpHandler)handler;
        sockets.ConnectCallback = async (context, cancellation) =>
        {
            var host = context.DnsEndPoint.Host;
            if (!host.EndsWith(".test", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(host, out _) && host != "localhost")
            {
                throw new HttpRequestException($"test transport: {host} is not a test name");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellation).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            return new NetworkStream(socket, ownsSocket: true);
        };
        if (trusted is not null)
        {
            sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString()
                && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
        }

        return handler;
    };
}
