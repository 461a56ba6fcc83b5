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
    private const int MaxTagPageBytes = 4 << 20;
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

    /// <summary>
    /// <c>GET /v2/&lt;repo&gt;/tags/list?n=</c>, following the <c>Link: &lt;…&gt;; rel="next"</c> pages the registry
    /// sends, at most <paramref name="maxTags"/> tags in all. A repository the registry does not know is
    /// <see cref="RegistryErrorKind.NotFound"/>.
    /// </summary>
    public IReadOnlyList<string> ListTags(string repository, int pageSize = 1000, int maxTags = 100_000)
    {
        var tags = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var url = Endpoint.Url($"v2/{repository}/tags/list?n={pageSize}");
        for (var page = 1; url is not null; page++)
        {
            if (!visited.Add(url.AbsoluteUri))
            {
                throw new RegistryException(RegistryErrorKind.Protocol, $"Registry {Endpoint.Host} sent page {page} of {repository}'s tags as a page it had sent before; not followed");
            }

            var current = url;
            (var names, url) = Http.Retrying(() =>
            {
                using var response = Http.Send(() => new HttpRequestMessage(HttpMethod.Get, current), PullScope(repository), retry: false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new RegistryException(RegistryErrorKind.NotFound, $"Registry {Endpoint.Host} has no repository {repository} (or lists no tags of it)");
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw Http.Unexpected(response, $"GET tags of {repository}");
                }

                var body = ReadBody(response, MaxTagPageBytes, $"tag list page {page} of {repository}");
                return (TagListPage.Parse(body, Endpoint.Host, repository), NextPage(response, repository));
            });
            tags.AddRange(names);
            if (tags.Count > maxTags)
            {
                throw new RegistryException(RegistryErrorKind.InvalidArtifact, $"Registry {Endpoint.Host} lists more than {maxTags} tags of {repository}; refusing to read on");
            }
        }

        return tags;
    }

    /// <summary>The next page's URL, only on this registry and in this repository's tag list.</summary>
    private Uri? NextPage(HttpResponseMessage response, string repository)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (open < 0 || close < open || !link[close..].Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var next = new Uri(Endpoint.BaseUri, link[(open + 1)..close].Trim());
            if (next.Scheme != Endpoint.BaseUri.Scheme || !string.Equals(next.Authority, Endpoint.BaseUri.Authority, StringComparison.OrdinalIgnoreCase)
                || next.AbsolutePath != $"/v2/{repository}/tags/list")
            {
                throw new RegistryException(
                    RegistryErrorKind.Protocol,
                    $"Registry {Endpoint.Host} sent a next page of {repository}'s tags outside its tag list ({RegistryText.Printable(next.ToString())}); not followed");
            }

            return next;
        }

        return null;
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
