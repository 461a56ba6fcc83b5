using System.Text;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// What the <see cref="HostileRegistry"/> writes back for one request: well-formed answers, or the raw
/// misbehaviour a real server can show (no answer at all, a body that never ends or trickles, bytes
/// that are not HTTP). Every reply closes the connection afterwards, and every long one stops when the
/// client goes away, when the server is disposed, or after <see cref="HostileRegistry.MaxReplyTime"/>.
/// </summary>
public sealed class HostileReply
{
    private readonly Action<HostileConnection> write;

    private HostileReply(Action<HostileConnection> write) => this.write = write;

    internal void WriteTo(HostileConnection connection) => write(connection);

    /// <summary>A status line, the headers, <c>Content-Length</c> and the body.</summary>
    public static HostileReply Status(int status, byte[]? body = null, params (string Name, string Value)[] headers) => new(c =>
    {
        body ??= [];
        c.Write(Head(status, headers.Append(("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        if (c.Request.Method != "HEAD")
        {
            c.Write(body);
        }
    });

    public static HostileReply Status(int status, string body, params (string Name, string Value)[] headers) =>
        Status(status, Encoding.UTF8.GetBytes(body), headers);

    /// <summary>An OCI error body (<c>{"errors":[{"code","message"}]}</c>); <paramref name="message"/> is JSON-escaped, so control characters arrive as <c>\u001b</c> and decode to themselves.</summary>
    public static HostileReply OciError(int status, string code, string message, params (string Name, string Value)[] headers) =>
        Status(status, $"{{\"errors\":[{{\"code\":{Json(code)},\"message\":{Json(message)}}}]}}", headers.Append(("Content-Type", "application/json")).ToArray());

    /// <summary>Accepts the request and never answers (no status line), until the client gives up.</summary>
    public static HostileReply Stall() => new(c => c.WaitWhileClientConnected());

    /// <summary>Headers without <c>Content-Length</c>, then <paramref name="fill"/> bytes without end (in 64 KiB writes; bounded only by <see cref="HostileRegistry.MaxEndlessBytes"/>).</summary>
    public static HostileReply Endless(int status, byte fill = (byte)'a', params (string Name, string Value)[] headers) => new(c =>
    {
        c.Write(Head(status, headers));
        var chunk = Enumerable.Repeat(fill, 64 << 10).ToArray();
        for (long sent = 0; sent < HostileRegistry.MaxEndlessBytes && c.Write(chunk); sent += chunk.Length)
        {
        }
    });

    /// <summary>Headers (with <paramref name="headers"/>), then one to three bytes of <paramref name="fill"/> every <paramref name="interval"/>, for ever.</summary>
    public static HostileReply Trickle(int status, TimeSpan interval, byte fill = (byte)' ', params (string Name, string Value)[] headers) => new(c =>
    {
        c.Write(Head(status, headers));
        while (c.Write(Enumerable.Repeat(fill, c.Random.Next(1, 4)).ToArray()) && c.Sleep(interval))
        {
        }
    });

    /// <summary>Exactly these bytes, then the connection closes.</summary>
    public static HostileReply Raw(byte[] bytes) => new(c => c.Write(bytes));

    /// <summary>Anything else: the script writes through the connection itself.</summary>
    public static HostileReply Custom(Action<HostileConnection> write) => new(write);

    /// <summary>The status line and headers, ending with <c>Connection: close</c> and the empty line.</summary>
    public static byte[] Head(int status, IEnumerable<(string Name, string Value)> headers)
    {
        var head = new StringBuilder().Append("HTTP/1.1 ").Append(status).Append(' ').Append(Reason(status)).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(head.Append("Connection: close\r\n\r\n").ToString());
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        307 => "Temporary Redirect",
        401 => "Unauthorized",
        404 => "Not Found",
        _ => "Status",
    };

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
