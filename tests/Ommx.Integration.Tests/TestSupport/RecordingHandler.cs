using System.Collections.Concurrent;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// Sits in the client's HTTP pipeline: records every request as <c>METHOD /path</c> (no query) with its
/// status, and runs optional hooks before a request and after its response (to kill the registry
/// mid-push, say).
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public ConcurrentQueue<string> Requests { get; } = new();

    public Action<HttpRequestMessage>? Before { get; set; }

    public Action<HttpRequestMessage, HttpResponseMessage>? After { get; set; }

    /// <summary>Answers instead of the registry when it returns a response (or throws, to break the connection).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }

    /// <summary>Completed blob uploads (<c>PUT …/blobs/uploads/…</c>).</summary>
    public int BlobUploads => Requests.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/blobs/uploads/", StringComparison.Ordinal));

    /// <summary>Upload sessions started or mounts asked for (<c>POST …/blobs/uploads/</c>).</summary>
    public int UploadSessions => Requests.Count(r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains("/blobs/uploads/", StringComparison.Ordinal));

    public int Count(string method, string pathPart) =>
        Requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathPart, StringComparison.Ordinal));

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Before?.Invoke(request);
        var line = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        HttpResponseMessage response;
        try
        {
            response = Intercept?.Invoke(request) ?? base.Send(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Requests.Enqueue($"{line} -> failed");
            throw;
        }

        Requests.Enqueue($"{line} -> {(int)response.StatusCode}");
        After?.Invoke(request, response);
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}
