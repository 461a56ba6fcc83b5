using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Ommx.Integration.Tests.TestSupport;

/// <summary>
/// The well-behaved part of a <see cref="HostileRegistry"/> script: blobs and manifests in memory, and the
/// distribution API calls push and pull use (HEAD/GET of blobs and manifests, POST/PATCH/PUT uploads, PUT of
/// manifests). A test answers the requests it attacks itself and hands the rest to <see cref="Answer"/>.
/// Upload sessions may live on another server (<see cref="UploadOrigin"/>) that shares this store.
/// </summary>
public sealed partial class InMemoryOciStore
{
    private readonly ConcurrentDictionary<string, byte[]> blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MemoryStream> sessions = new(StringComparer.Ordinal);
    private int nextSession;

    /// <summary>Absolute origin (<c>http://host:port</c>) for upload <c>Location</c>s; <c>null</c> answers relative ones.</summary>
    public string? UploadOrigin { get; set; }

    public IReadOnlyDictionary<string, byte[]> Blobs => blobs;

    /// <summary>Manifests by <c>repository:reference</c> (tag or digest).</summary>
    public IReadOnlyDictionary<string, byte[]> Manifests => manifests;

    public void AddManifest(string repository, string reference, byte[] manifest)
    {
        manifests[$"{repository}:{reference}"] = manifest;
        manifests[$"{repository}:{Sha256(manifest)}"] = manifest;
    }

    public void AddBlob(byte[] blob) => blobs[Sha256(blob)] = blob;

    public HostileReply Answer(HostileRequest request)
    {
        var path = request.Path;
        if (path == "/v2/")
        {
            return HostileReply.Status(200, "{}");
        }

        var query = request.Target.Contains('?', StringComparison.Ordinal) ? request.Target[(request.Target.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        var digestParam = Regex.Match(query, "(?:^|&)digest=([^&]+)").Groups[1].Value;
        if (path.Contains("/upload", StringComparison.Ordinal) && request.Method is "PATCH" or "PUT")
        {
            var session = sessions.GetOrAdd(path, _ => new MemoryStream());
            session.Write(request.Body);
            if (request.Method == "PATCH" || digestParam.Length == 0)
            {
                return HostileReply.Status(202, [], ("Location", path));
            }

            sessions.TryRemove(path, out _);
            var digest = Uri.UnescapeDataString(digestParam);
            var bytes = session.ToArray();
            if (Sha256(bytes) != digest)
            {
                return HostileReply.OciError(400, "DIGEST_INVALID", "digest mismatch");
            }

            blobs[digest] = bytes;
            return HostileReply.Status(201, [], ("Docker-Content-Digest", digest));
        }

        var match = ApiPath().Match(path);
        if (!match.Success)
        {
            return HostileReply.OciError(404, "NAME_UNKNOWN", "no such path");
        }

        var (repository, kind, reference) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        return (request.Method, kind) switch
        {
            ("POST", "blobs") when reference == "uploads/" => HostileReply.Status(
                202, [], ("Location", $"{UploadOrigin}/v2/{repository}/blobs/uploads/{Interlocked.Increment(ref nextSession)}")),
            ("HEAD" or "GET", "blobs") => blobs.TryGetValue(reference, out var blob)
                ? HostileReply.Status(200, blob, ("Docker-Content-Digest", reference))
                : HostileReply.OciError(404, "BLOB_UNKNOWN", "blob unknown"),
            ("HEAD" or "GET", "manifests") => manifests.TryGetValue($"{repository}:{reference}", out var manifest)
                ? HostileReply.Status(200, manifest, ("Docker-Content-Digest", Sha256(manifest)), ("Content-Type", "application/vnd.oci.image.manifest.v1+json"))
                : HostileReply.OciError(404, "MANIFEST_UNKNOWN", "manifest unknown"),
            ("PUT", "manifests") => PutManifest(repository, reference, request.Body),
            _ => HostileReply.OciError(405, "UNSUPPORTED", "unsupported"),
        };
    }

    private HostileReply PutManifest(string repository, string reference, byte[] body)
    {
        var digest = Sha256(body);
        manifests[$"{repository}:{reference}"] = body;
        manifests[$"{repository}:{digest}"] = body;
        return HostileReply.Status(201, [], ("Docker-Content-Digest", digest));
    }

    public static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex("^/v2/(.+)/(blobs|manifests)/(uploads/|[^/]+)$")]
    private static partial Regex ApiPath();
}
