using System.Net;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Pushes one local ref: every blob of the manifest and of its locally present <c>subject</c> ancestors
/// (HEAD first, so only missing blobs move; mounted from a sibling repository of the same host when one
/// of our local refs says it has the blob), then the ancestors' manifests by digest, and the image's
/// manifest last, with the exact stored bytes. The remote tag therefore never points at a manifest whose
/// blobs are not all there.
/// </summary>
internal sealed class ImagePusher
{
    private readonly LocalRegistry registry;
    private readonly ImageReference image;
    private readonly RemoteOptions options;
    private Dictionary<Digest, string>? mountSources;

    private ImagePusher(LocalRegistry registry, ImageReference image, RemoteOptions options)
    {
        this.registry = registry;
        this.image = image;
        this.options = options;
    }

    public static PushResult Push(LocalRegistry registry, ImageReference image, RemoteOptions options)
    {
        if (image.Registry.EndsWith(".ommx.local", StringComparison.Ordinal))
        {
            throw new OmmxException($"{image} is a Local Registry internal name (*.ommx.local) and cannot be pushed; commit it under a registry name first");
        }

        var digest = registry.Resolve(image) ?? throw new ArtifactNotFoundException($"Artifact not found in the Local Registry: {image}");
        return new ImagePusher(registry, image, options).Run(digest);
    }

    private PushResult Run(Digest digest)
    {
        var chain = LocalChain.Read(registry, digest, image);
        var repository = image.Repository;
        var blobs = chain.AsEnumerable().Reverse().SelectMany(m => m.Manifest.Blobs()).DistinctBy(b => b.Digest).ToList();
        options.Progress?.Planned(blobs.Count, blobs.Sum(b => b.Size));
        using var client = new RegistryClient(RegistryEndpoint.For(image.Registry, options.Insecure), options);
        int uploaded = 0, present = 0, mounted = 0;
        long bytes = 0;
        foreach (var blob in blobs)
        {
            var outcome = PushBlob(client, repository, blob);
            options.Progress?.BlobDone(blob, outcome);
            switch (outcome)
            {
                case BlobTransfer.Uploaded:
                    uploaded++;
                    bytes += blob.Size;
                    break;
                case BlobTransfer.Mounted:
                    mounted++;
                    break;
                default:
                    present++;
                    break;
            }
        }

        var manifests = 0;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var stored = chain[i];
            var reference = i == 0 ? image.Reference : stored.Digest.ToString();
            if (RemoteManifestDigest(client, repository, reference) == stored.Digest)
            {
                continue;
            }

            client.PutManifest(repository, reference, stored.Bytes, stored.Manifest.MediaType ?? MediaTypes.ImageManifest);
            manifests++;
        }

        return new PushResult(image, digest)
        {
            BlobsUploaded = uploaded,
            BytesUploaded = bytes,
            BlobsAlreadyPresent = present,
            BlobsMounted = mounted,
            ManifestsPushed = manifests,
            SubjectsIncluded = chain.Count - 1,
        };
    }

    private BlobTransfer PushBlob(RegistryClient client, string repository, Descriptor blob)
    {
        if (client.BlobExists(repository, blob))
        {
            return BlobTransfer.AlreadyPresent;
        }

        var from = options.CrossRepositoryMount ? MountSource(blob.Digest) : null;
        var attempt = 0;
        return client.Http.Retrying(() =>
        {
            // A broken attempt may still have completed on the registry's side: look before sending again.
            if (attempt++ > 0 && client.BlobExists(repository, blob))
            {
                return BlobTransfer.Uploaded;
            }

            var session = client.StartUpload(repository, blob, from);
            if (session is null)
            {
                return BlobTransfer.Mounted;
            }

            if (blob.Size <= options.MonolithicUploadLimit)
            {
                client.UploadMonolithic(repository, session, blob, () => registry.Blobs.OpenVerifiedRead(blob.Digest, blob.Size));
            }
            else
            {
                client.UploadChunked(repository, session, blob, OpenAt(blob.Digest), Math.Max(1, options.ChunkSize));
            }

            return BlobTransfer.Uploaded;
        });
    }

    private Func<long, Stream> OpenAt(Digest digest) => offset =>
    {
        var file = new FileStream(registry.Blobs.PathFor(digest), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20);
        file.Seek(offset, SeekOrigin.Begin);
        return file;
    };

    /// <summary><c>HEAD</c> of a manifest: the digest the registry has under that reference, or <c>null</c>.</summary>
    private static Digest? RemoteManifestDigest(RegistryClient client, string repository, string reference)
    {
        var url = client.Endpoint.Url($"v2/{repository}/manifests/{reference}");
        using var response = client.Http.Send(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Head, url);
                request.Headers.Accept.ParseAdd(MediaTypes.ImageManifest);
                return request;
            },
            RegistryClient.PushScope(repository));
        return response.StatusCode == HttpStatusCode.OK && response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            && Digest.TryParse(values.FirstOrDefault(), out var d) ? d : null;
    }

    /// <summary>
    /// Another repository on the same host that should hold the blob: one of our local refs under that host
    /// (a parent we pushed before, say) whose manifest lists it. A wrong guess costs nothing: the registry
    /// then answers with an ordinary upload session.
    /// </summary>
    private string? MountSource(Digest blob)
    {
        if (mountSources is null)
        {
            mountSources = [];
            foreach (var row in registry.ListRefs(image.Registry + "/").Where(r => r.Name != image.RepositoryKey).Take(200))
            {
                if (!Digest.TryParse(row.ManifestDigest, out var manifestDigest) || !registry.Blobs.Exists(manifestDigest))
                {
                    continue;
                }

                try
                {
                    var repository = row.Name[(image.Registry.Length + 1)..];
                    foreach (var b in ImageManifest.Parse(registry.Blobs.Read(manifestDigest)).Blobs())
                    {
                        mountSources.TryAdd(b.Digest, repository);
                    }
                }
                catch (OmmxException)
                {
                    // An unreadable local manifest is no mount hint; doctor reports it.
                }
            }
        }

        return mountSources.GetValueOrDefault(blob);
    }
}
