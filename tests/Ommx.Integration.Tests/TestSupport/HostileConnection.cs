using System.Diagnostics;
using System.Net.Sockets;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// The server side of one exchange, for a <see cref="HostileReply"/> to write to. Writes and sleeps
/// report <c>false</c> once the client has gone, the server is stopping, or the reply has run for
/// <see cref="HostileRegistry.MaxReplyTime"/>; a reply loop stops there.
/// </summary>
public sealed class HostileConnection
{
    private readonly Socket socket;
    private readonly Stream stream;
    private readonly CancellationToken stopping;
    private readonly Stopwatch age = Stopwatch.StartNew();

    internal HostileConnection(Socket socket, Stream stream, HostileRequest request, Random random, CancellationToken stopping)
    {
        this.socket = socket;
        this.stream = stream;
        this.stopping = stopping;
        Request = request;
        Random = random;
    }

    public HostileRequest Request { get; }

    /// <summary>This connection's generator, seeded from the server's seed and the connection's number.</summary>
    public Random Random { get; }

    private bool Expired => stopping.IsCancellationRequested || age.Elapsed > HostileRegistry.MaxReplyTime;

    public bool Write(byte[] bytes)
    {
        if (Expired)
        {
            return false;
        }

        try
        {
            stream.Write(bytes);
            stream.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public bool Sleep(TimeSpan interval) => !stopping.WaitHandle.WaitOne(interval) && !Expired && ClientConnected();

    /// <summary>Sends nothing; returns when the client closes its end, the server stops, or time runs out.</summary>
    public void WaitWhileClientConnected()
    {
        while (Sleep(TimeSpan.FromMilliseconds(50)))
        {
        }
    }

    private bool ClientConnected()
    {
        try
        {
            // Readable with nothing to read means the peer closed (or reset) the connection.
            return !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}
