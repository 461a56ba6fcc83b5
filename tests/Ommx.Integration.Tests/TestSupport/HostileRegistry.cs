using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// A scriptable, hostile OCI registry: a raw HTTP/1.1 server on a free <c>127.0.0.1</c> port (optionally
/// with TLS), where the test's script answers every request with any <see cref="HostileReply"/>, well-formed
/// or not: stalls, endless or trickling bodies, no <c>Content-Length</c>, redirects and <c>Location</c>s to
/// other origins, control characters in error text. Every request is recorded with its headers and body.
/// Bounded: loopback only, one request per connection, replies end when the client leaves, on dispose, or
/// after <see cref="MaxReplyTime"/>; randomness (trickle sizes) comes from a fixed seed and the connection's number.
/// </summary>
public sealed class HostileRegistry : IDisposable
{
    /// <summary>No reply runs longer than this, whatever the script says.</summary>
    public static readonly TimeSpan MaxReplyTime = TimeSpan.FromSeconds(60);

    /// <summary>An endless body stops here (so a client without a cap fails a test instead of the machine).</summary>
    public const long MaxEndlessBytes = 256L << 20;

    private const int MaxHeadBytes = 64 << 10;
    private const int MaxBodyBytes = 64 << 20;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<HostileRequest> requests = new();
    private readonly ConcurrentDictionary<int, Thread> connections = new();
    private readonly X509Certificate2? certificate;
    private readonly int seed;
    private readonly Lock scriptLock = new();
    private readonly Thread acceptLoop;
    private int connectionCount;

    /// <param name="script">Answers one request; may be called from several threads at once.</param>
    /// <param name="certificate">When given, the server speaks TLS with it.</param>
    /// <param name="seed">Seeds the per-connection generators (trickle sizes).</param>
    public HostileRegistry(Func<HostileRequest, HostileReply> script, X509Certificate2? certificate = null, int seed = 15)
    {
        Script = script;
        this.certificate = certificate;
        this.seed = seed;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = new Thread(Accept) { IsBackground = true, Name = "hostile registry " + Port };
        acceptLoop.Start();
    }

    /// <summary>The script; tests may replace it between phases.</summary>
    public Func<HostileRequest, HostileReply> Script { get; set; }

    public int Port { get; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, the registry part of image names.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c> (or <c>https://</c> with TLS).</summary>
    public string Origin => $"{(certificate is null ? "http" : "https")}://{Host}";

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<HostileRequest> Requests => [.. requests];

    /// <summary>Connections accepted so far (a refused-before-sending client makes none).</summary>
    public int Connections => Volatile.Read(ref connectionCount);

    private void Accept()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var id = Interlocked.Increment(ref connectionCount);
            // A thread per connection, not the thread pool: stalling replies block for seconds, and the
            // client under test needs the pool for its own timers.
            var thread = new Thread(() =>
            {
                try
                {
                    Serve(socket, new Random(unchecked((seed * 7919) + id)));
                }
                finally
                {
                    connections.TryRemove(id, out _);
                }
            })
            { IsBackground = true, Name = $"hostile registry {Port} #{id}" };
            connections[id] = thread;
            thread.Start();
        }
    }

    private void Serve(Socket socket, Random random)
    {
        using (socket)
        {
            socket.ReceiveTimeout = 10_000;
            socket.SendTimeout = 10_000;
            socket.NoDelay = true;
            try
            {
                using var network = new NetworkStream(socket, ownsSocket: false);
                Stream stream = network;
                if (certificate is not null)
                {
                    var tls = new SslStream(network, leaveInnerStreamOpen: true);
                    tls.AuthenticateAsServer(certificate);
                    stream = tls;
                }

                using (stream)
                {
                    var request = ReadRequest(stream);
                    if (request is null)
                    {
                        return;
                    }

                    requests.Enqueue(request);
                    HostileReply reply;
                    lock (scriptLock)
                    {
                        reply = Script(request);
                    }

                    reply.WriteTo(new HostileConnection(socket, stream, request, random, stopping.Token));
                }

                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                // The client went away or refused us: nothing more to do for this connection.
            }
        }
    }

    private static HostileRequest? ReadRequest(Stream stream)
    {
        var head = new MemoryStream();
        var last4 = 0u;
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            head.WriteByte((byte)b);
            last4 = (last4 << 8) | (byte)b;
            if (last4 == 0x0D0A0D0A)
            {
                break;
            }

            if (head.Length > MaxHeadBytes)
            {
                throw new IOException("request head too large");
            }
        }

        var lines = Encoding.Latin1.GetString(head.ToArray()).Split("\r\n");
        var start = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = ReadChunked(stream);
        }
        else
        {
            var length = headers.TryGetValue("Content-Length", out var text) ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
            if (length > MaxBodyBytes)
            {
                throw new IOException("request body too large");
            }

            body = new byte[length];
            stream.ReadExactly(body);
        }

        return new HostileRequest(start[0], start.Length > 1 ? start[1] : "/", headers, body);
    }

    private static byte[] ReadChunked(Stream stream)
    {
        var body = new MemoryStream();
        while (true)
        {
            var size = Convert.ToInt32(ReadLine(stream).Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                while (ReadLine(stream).Length > 0)
                {
                }

                return body.ToArray();
            }

            if (body.Length + size > MaxBodyBytes)
            {
                throw new IOException("request body too large");
            }

            var chunk = new byte[size];
            stream.ReadExactly(chunk);
            body.Write(chunk);
            ReadLine(stream);
        }
    }

    private static string ReadLine(Stream stream)
    {
        var line = new StringBuilder();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (b != '\r')
            {
                line.Append((char)b);
            }

            if (line.Length > MaxHeadBytes)
            {
                throw new IOException("line too long");
            }
        }

        return line.ToString();
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        acceptLoop.Join(TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        foreach (var thread in connections.Values)
        {
            var left = deadline - DateTime.UtcNow;
            thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        stopping.Dispose();
    }
}
