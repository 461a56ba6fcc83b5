using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;

namespace Ommx.Integration.Distribution;

/// <summary>
/// Pulls one image into the Local Registry. Nothing touches the network when the ref and its closure are
/// already local. Otherwise the manifest (verified against the requested digest and the registry's
/// <c>Docker-Content-Digest</c>), every missing blob (streamed into a staged temp file, hashed and
/// size-checked) and the <c>subject</c> ancestors the registry has are staged; only when all of them
/// verified and the ref is free (or already points there) are they published and the ref written.
/// </summary>
internal sealed class ImagePuller
{
    private const int MaxSubjectDepth = 64;

    /// <summary>Configs are read into memory whole when an Experiment is loaded; a larger one is refused before it is fetched.</summary>
    private const long MaxConfigBytes = Registry.BlobLimits.MaxConfigBytes;
    private readonly LocalRegistry registry;
    private readonly ImageReference image;
    private readonly RemoteOptions options;
    private readonly List<Digest> ancestorDigests = [];
    private int downloaded;
    private int present;
    private long bytes;

    private ImagePuller(LocalRegistry registry, ImageReference image, RemoteOptions options)
    {
        this.registry = registry;
        this.image = image;
        this.options = options;
    }

    public static PullResult Pull(LocalRegistry registry, ImageReference image, RemoteOptions options)
    {
        if (registry.Resolve(image) is { } local && LocalChain.IsComplete(registry, local))
        {
            return new PullResult(image, local, PublishOutcome.Unchanged);
        }

        if (image.Registry.EndsWith(".ommx.local", StringComparison.Ordinal))
        {
            throw new ArtifactNotFoundException($"Artifact not found in the Local Registry: {image} (an internal *.ommx.local name, never pulled)");
        }

        return new ImagePuller(registry, image, options).Run();
    }

    private PullResult Run()
    {
        var source = $"{image.Registry}/{image.Repository}";
        using var client = new RegistryClient(RegistryEndpoint.For(image.Registry, options.Insecure), options);
        using var session = new ImportSession(registry, source, Registry.Leases.LeaseKind.Pull);
        var manifestBytes = client.GetManifest(image.Repository, image.Reference);
        var manifest = ParseRemote(manifestBytes, image.Reference, ommx: true);
        var digest = Digest.Compute(manifestBytes);
        session.Add(registry.Blobs.Stage(new MemoryStream(manifestBytes)));

        // Ancestors first in memory (small), so progress knows every blob before the first byte moves.
        var ancestors = FetchAncestors(client, session, manifest);
        foreach (var config in ancestors.Append(manifest).Select(m => m.Config).Where(c => c.Size > MaxConfigBytes))
        {
            throw new RegistryException(
                RegistryErrorKind.InvalidArtifact,
                $"Registry {image.Registry}: {image.Repository} has a config blob {config.Digest} of {config.Size} bytes, more than the {MaxConfigBytes >> 20} MiB a config may have; refused before downloading it");
        }

        var blobs = ancestors.SelectMany(a => a.Blobs()).Concat(manifest.Blobs()).DistinctBy(b => b.Digest).ToList();
        options.Progress?.Planned(blobs.Count, blobs.Sum(b => b.Size));
        foreach (var blob in blobs)
        {
            if (registry.Blobs.SizeOf(blob.Digest) == blob.Size)
            {
                present++;
                options.Progress?.BlobDone(blob, BlobTransfer.AlreadyPresent);
                continue;
            }

            session.Add(Download(client, blob));
            downloaded++;
            bytes += blob.Size;
            options.Progress?.BlobDone(blob, BlobTransfer.Downloaded);
        }

        var extra = ancestors.SelectMany(a => a.Blobs()).Select(b => b.Digest).Concat(ancestorDigests).ToList();
        var result = session.Finish(new Descriptor(MediaTypes.ImageManifest, digest, manifestBytes.LongLength), image, extra);
        return new PullResult(image, digest, result.Outcome)
        {
            BlobsDownloaded = downloaded,
            BytesDownloaded = bytes,
            BlobsAlreadyPresent = present,
            SubjectsPulled = ancestors.Count,
            UsedNetwork = true,
        };
    }

    /// <summary>
    /// The <c>subject</c> chain: each ancestor manifest the registry has (fetched by digest and verified);
    /// it stops at one already stored locally or one the registry does not have (OMMX pushes no subjects).
    /// </summary>
    private List<ImageManifest> FetchAncestors(RegistryClient client, ImportSession session, ImageManifest manifest)
    {
        var ancestors = new List<ImageManifest>();
        var subject = manifest.Subject;
        while (subject is not null && ancestors.Count < MaxSubjectDepth && !registry.Blobs.Exists(subject.Digest) && !session.IsStaged(subject.Digest))
        {
            byte[] bytes;
            try
            {
                bytes = client.GetManifest(image.Repository, subject.Digest.ToString());
            }
            catch (RegistryException e) when (e.Kind == RegistryErrorKind.NotFound)
            {
                break;
            }

            if (bytes.LongLength != subject.Size)
            {
                throw new RegistryException(
                    RegistryErrorKind.InvalidArtifact,
                    $"Registry {image.Registry}: subject manifest {subject.Digest} is {bytes.LongLength} bytes, but the descriptor declares {subject.Size}");
            }

            var parent = ParseRemote(bytes, subject.Digest.ToString(), ommx: false);
            session.Add(registry.Blobs.Stage(new MemoryStream(bytes)));
            ancestorDigests.Add(subject.Digest);
            ancestors.Add(parent);
            subject = parent.Subject;
        }

        return ancestors;
    }

    private ImageManifest ParseRemote(byte[] bytes, string reference, bool ommx)
    {
        try
        {
            return ommx ? ImageManifest.ParseOmmx(bytes) : ImageManifest.Parse(bytes);
        }
        catch (ManifestFormatException e)
        {
            throw new RegistryException(
                RegistryErrorKind.InvalidArtifact,
                $"Registry {image.Registry}: manifest {reference} in {image.Repository} is not an OMMX image manifest: {RegistryText.Printable(e.Message)}",
                e);
        }
    }

    /// <summary>Streams one blob into a staged temp file; retried from the start on transient failures.</summary>
    private StagedBlob Download(RegistryClient client, Descriptor blob) => client.Http.Retrying(() =>
    {
        using var response = client.GetBlob(image.Repository, blob);
        StagedBlob staged;
        try
        {
            using var body = new ProgressStream(response.Content.ReadAsStream(), blob.Size + 1, options.Progress);
            staged = registry.Blobs.Stage(body, maxBytes: blob.Size);
        }
        catch (Exception e) when (e is IOException or HttpRequestException || e.InnerException is IOException or HttpRequestException)
        {
            throw new RegistryException(
                RegistryErrorKind.Transport,
                $"Connection to registry {image.Registry} broke while downloading blob {blob.Digest}: {RegistryText.Printable(e.Message)}",
                e)
            { IsTransient = true };
        }
        catch (OmmxException e)
        {
            throw new RegistryException(RegistryErrorKind.InvalidArtifact, $"Registry {image.Registry}: blob {blob.Digest} in {image.Repository} was rejected: {e.Message}", e);
        }

        if (staged.Digest != blob.Digest || staged.Size != blob.Size)
        {
            var (gotDigest, gotSize) = (staged.Digest, staged.Size);
            staged.Dispose();
            throw new RegistryException(
                RegistryErrorKind.InvalidArtifact,
                $"Registry {image.Registry}: blob {blob.Digest} in {image.Repository} failed verification: received {gotSize} bytes hashing to {gotDigest}, expected {blob.Size} bytes");
        }

        return staged;
    });
}
