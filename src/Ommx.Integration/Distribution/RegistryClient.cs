using System.Net;
using System.Net.Http.Headers;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Distribution;

/// <summary>
/// The OCI distribution API calls push and pull need, for one registry host. Single requests retry
/// transient failures themselves; a blob upload session (POST, PATCH…, PUT) is retried as a whole by
/// the caller, because a half-written session cannot be resumed reliably.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    private const int MaxManifestBytes = Registry.BlobLimits.MaxManifestBytes;
    private static readonly string ManifestAccept = string.Join(", ", MediaTypes.ImageManifest, MediaTypes.ImageIndex);

    public RegistryClient(RegistryEndpoint endpoint, RemoteOptions options)
    {
        Options = options;
        Http = new RegistryHttp(endpoint, options);
    }

    public RegistryHttp Http { get; }

    public RemoteOptions Options { get; }

    public RegistryEndpoint Endpoint => Http.Endpoint;

    public static string PullScope(string repository) => $"repository:{repository}:pull";

    public static string PushScope(string repository) => $"repository:{repository}:pull,push";

    /// <summary><c>HEAD /v2/&lt;repo&gt;/blobs/&lt;digest&gt;</c>: 200 → present, 404 → absent.</summary>
    public bool BlobExists(string repository, Descriptor blob)
    {
        var url = Endpoint.Url($"v2/{repository}/blobs/{blob.Digest}");
        using var response = Http.Send(() => new HttpRequestMessage(HttpMethod.Head, url), PushScope(repository));
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw Http.Unexpected(response, $"HEAD blob {blob.Digest} in {repository}"),
        };
    }

    /// <summary>
    /// <c>POST /v2/&lt;repo&gt;/blobs/uploads/</c>, with <c>?mount=&amp;from=</c> when <paramref name="mountFrom"/> is
    /// given. Returns <c>null</c> when the registry mounted the blob (201), else the upload session URL (202).
    /// </summary>
    public Uri? StartUpload(string repository, Descriptor blob, string? mountFrom)
    {
        var path = $"v2/{repository}/blobs/uploads/";
        var scope = PushScope(repository);
        if (mountFrom is not null)
        {
            path += $"?mount={Uri.EscapeDataString(blob.Digest.ToString())}&from={Uri.EscapeDataString(mountFrom)}";
            scope += " " + PullScope(mountFrom);
        }

        var url = Endpoint.Url(path);
        using var response = Http.Send(
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent([]) },
            scope,
            retry: false);
        if (response.StatusCode == HttpStatusCode.Created && mountFrom is not null)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is null)
        {
            throw Http.Unexpected(response, $"starting the upload of {blob.Digest} to {repository}");
        }

        return new Uri(Endpoint.BaseUri, response.Headers.Location);
    }

    /// <summary>Sends the whole blob in the closing <c>PUT &lt;session&gt;?digest=</c>.</summary>
    public void UploadMonolithic(string repository, Uri session, Descriptor blob, Func<Stream> open)
    {
        var url = WithDigest(session, blob.Digest);
        using var response = Http.Send(
            () => new HttpRequestMessage(HttpMethod.Put, url) { Content = Body(open(), blob.Size) },
            PushScope(repository),
            retry: false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw Http.Unexpected(response, $"uploading {blob.Digest} to {repository}");
        }
    }

    /// <summary>
    /// Sends the blob in <c>PATCH</c> chunks with <c>Content-Range: start-end</c>, following the session URL
    /// each answer returns, then closes it with an empty <c>PUT ?digest=</c>. Only one chunk is read at a time.
    /// </summary>
    public void UploadChunked(string repository, Uri session, Descriptor blob, Func<long, Stream> openAt, long chunkSize)
    {
        var scope = PushScope(repository);
        var location = session;
        for (long offset = 0; offset < blob.Size; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, blob.Size - offset);
            var start = offset;
            var url = location;
            using var response = Http.Send(
                () =>
                {
                    var content = Body(openAt(start), length);
                    content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + length - 1}");
                    return new HttpRequestMessage(HttpMethod.Patch, url) { Content = content };
                },
                scope,
                retry: false);
            if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is null)
            {
                throw Http.Unexpected(response, $"uploading bytes {start}-{start + length - 1} of {blob.Digest} to {repository}");
            }

            location = new Uri(Endpoint.BaseUri, response.Headers.Location);
        }

        var close = WithDigest(location, blob.Digest);
        using var closed = Http.Send(() => new HttpRequestMessage(HttpMethod.Put, close) { Content = new ByteArrayContent([]) }, scope, retry: false);
        if (closed.StatusCode != HttpStatusCode.Created)
        {
            throw Http.Unexpected(closed, $"finishing the chunked upload of {blob.Digest} to {repository}");
        }
    }

    /// <summary><c>PUT /v2/&lt;repo&gt;/manifests/&lt;reference&gt;</c> with the exact bytes; checks the digest the registry reports.</summary>
    public void PutManifest(string repository, string reference, byte[] bytes, string mediaType)
    {
        var url = Endpoint.Url($"v2/{repository}/manifests/{reference}");
        var digest = Digest.Compute(bytes);
        using var response = Http.Send(
            () =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
            },
            PushScope(repository));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw Http.Unexpected(response, $"PUT manifest {reference} in {repository}");
        }

        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } reported
            && reported != digest.ToString())
        {
            throw new RegistryException(
                RegistryErrorKind.InvalidArtifact,
                $"Registry {Endpoint.Host} stored manifest {reference} in {repository} as {RegistryText.Printable(reported)}, but its bytes hash to {digest}");
        }
    }

    /// <summary>
    /// <c>GET /v2/&lt;repo&gt;/manifests/&lt;reference&gt;</c>: the exact bytes, verified against the requested
    /// digest (when the reference is one) and the <c>Docker-Content-Digest</c> header (when sent).
    /// </summary>
    public byte[] GetManifest(string repository, string reference)
    {
        var url = Endpoint.Url($"v2/{repository}/manifests/{reference}");
        var bytes = Http.Retrying(() =>
        {
            using var response = Http.Send(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Accept.ParseAdd(ManifestAccept);
                    return request;
                },
                PullScope(repository),
                retry: false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new RegistryException(RegistryErrorKind.NotFound, $"Artifact not found in registry {Endpoint.Host}: {repository} has no manifest {reference}");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Http.Unexpected(response, $"GET manifest {reference} in {repository}");
            }

            if (response.Content.Headers.ContentLength is > MaxManifestBytes)
            {
                throw new RegistryException(RegistryErrorKind.InvalidArtifact, $"Registry {Endpoint.Host}: manifest {reference} in {repository} is larger than {MaxManifestBytes} bytes");
            }

            var body = ReadBody(response, MaxManifestBytes, $"manifest {reference}");
            if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } reported
                && reported != Digest.Compute(body).ToString())
            {
                throw new RegistryException(
                    RegistryErrorKind.InvalidArtifact,
                    $"Registry {Endpoint.Host}: manifest {reference} in {repository} hashes to {Digest.Compute(body)}, but the registry says {RegistryText.Printable(reported)}");
            }

            return body;
        });
        if (Digest.TryParse(reference, out var requested) && Digest.Compute(bytes) != requested)
        {
            throw new RegistryException(
                RegistryErrorKind.InvalidArtifact,
                $"Registry {Endpoint.Host}: manifest {reference} in {repository} hashes to {Digest.Compute(bytes)}");
        }

        return bytes;
    }

    /// <summary><c>GET /v2/&lt;repo&gt;/blobs/&lt;digest&gt;</c>; the caller reads (and verifies) the body and retries.</summary>
    public HttpResponseMessage GetBlob(string repository, Descriptor blob)
    {
        var url = Endpoint.Url($"v2/{repository}/blobs/{blob.Digest}");
        var response = Http.Send(() => new HttpRequestMessage(HttpMethod.Get, url), PullScope(repository), retry: false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using (response)
            {
                throw response.StatusCode == HttpStatusCode.NotFound
                    ? new RegistryException(RegistryErrorKind.NotFound, $"Registry {Endpoint.Host}: blob {blob.Digest} is missing from {repository}")
                    : Http.Unexpected(response, $"GET blob {blob.Digest} in {repository}");
            }
        }

        if (response.Content.Headers.ContentLength is { } length && length != blob.Size)
        {
            response.Dispose();
            throw new RegistryException(
                RegistryErrorKind.InvalidArtifact,
                $"Registry {Endpoint.Host}: blob {blob.Digest} in {repository} is {length} bytes, but its descriptor declares {blob.Size}");
        }

        return response;
    }

    private byte[] ReadBody(HttpResponseMessage response, int max, string what)
    {
        try
        {
            return RegistryHttp.ReadAtMost(response, max)
                ?? throw new RegistryException(RegistryErrorKind.InvalidArtifact, $"Registry {Endpoint.Host}: {what} is larger than {max} bytes");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new RegistryException(RegistryErrorKind.Transport, $"Connection to registry {Endpoint.Host} broke while reading {what}: {RegistryText.Printable(e.Message)}", e) { IsTransient = true };
        }
    }

    private StreamContent Body(Stream source, long length)
    {
        var content = new StreamContent(new ProgressStream(source, length, Options.Progress), 64 << 10);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.OctetStream);
        content.Headers.ContentLength = length;
        return content;
    }

    private static Uri WithDigest(Uri session, Digest digest)
    {
        var builder = new UriBuilder(session);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : "") + "digest=" + Uri.EscapeDataString(digest.ToString());
        return builder.Uri;
    }

    public void Dispose() => Http.Dispose();
}
