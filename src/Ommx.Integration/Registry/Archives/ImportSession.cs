using Ommx.Integration.Oci;
using Ommx.Integration.Registry.Leases;
using Ommx.Integration.Registry.Listing;

namespace Ommx.Integration.Registry.Archives;

/// <summary>
/// The shared second half of every import: blobs are staged first; then the manifest and its closure are
/// checked against what was staged plus what the store already holds; only when everything is valid and
/// the ref is free (or already points here) are the staged blobs published and the ref written. A
/// rejected import therefore leaves the registry unchanged. The session holds an import lease: staged temp
/// files stay locked until published, and the whole closure (staged or already stored) is leased before it
/// is checked, so a concurrent GC cannot remove a blob between the check and the ref being written.
/// </summary>
internal sealed class ImportSession : IDisposable
{
    private readonly LocalRegistry registry;
    private readonly string source;
    private readonly Dictionary<Digest, StagedBlob> staged = [];
    private readonly WriterLease? lease;

    /// <param name="registry">Where the import goes.</param>
    /// <param name="source">The archive, directory or remote image, as error messages name it.</param>
    /// <param name="kind">What the session's writer lease says it is: an import, or a pull.</param>
    public ImportSession(LocalRegistry registry, string source, LeaseKind kind = LeaseKind.Import)
    {
        this.registry = registry;
        this.source = source;
        lease = registry.LeaseOptions.Enabled ? registry.AcquireLease(kind, source) : null;
    }

    public bool IsStaged(Digest digest) => staged.ContainsKey(digest);

    public byte[]? ReadStaged(Digest digest) => staged.TryGetValue(digest, out var blob) ? blob.ReadAllBytes() : null;

    public StagedBlob StageFrom(Stream data) => registry.Blobs.Stage(data);

    public void Add(StagedBlob blob)
    {
        if (!staged.TryAdd(blob.Digest, blob))
        {
            blob.Dispose();
        }
    }

    /// <summary>The image name an index descriptor asks for, or a fresh anonymous artifact name.</summary>
    public ImageReference ImageNameFor(Descriptor indexDescriptor)
    {
        if (indexDescriptor.Annotations?.TryGetValue(OciLayout.RefNameAnnotation, out var name) == true)
        {
            if (!ImageReference.TryParse(name, out var image))
            {
                throw new ArchiveFormatException($"Invalid image ref: {name} (in {source} index.json)");
            }

            return image!;
        }

        return ImageNames.NewAnonymous(registry.RegistryId, ImageNames.AnonymousRepository);
    }

    /// <summary>Refuses before anything is published when the ref already points at another manifest, or is a digest reference to another one.</summary>
    public void CheckNoConflict(ImageReference image, Digest incoming)
    {
        try
        {
            DigestReferences.Require(image, incoming);
        }
        catch (DigestReferenceMismatchException mismatch)
        {
            throw new ArchiveFormatException($"{source}: {mismatch.Message}", mismatch);
        }

        var existing = registry.Resolve(image);
        if (existing is { } e && e != incoming)
        {
            throw new RefConflictException(
                $"Local registry ref conflict for {image}: existing manifest {e}, incoming manifest {incoming}",
                new PublishResult(PublishOutcome.Conflicted, incoming, e));
        }
    }

    /// <param name="indexDescriptor">The manifest descriptor (from index.json, or built by a pull).</param>
    /// <param name="image">The ref to publish.</param>
    /// <param name="alsoPublish">
    /// Further staged blobs to publish with the closure (a pull's <c>subject</c> ancestors); published only
    /// once everything was checked, like the closure itself.
    /// </param>
    public ImportResult Finish(Descriptor indexDescriptor, ImageReference image, IReadOnlyCollection<Digest>? alsoPublish = null)
    {
        if (indexDescriptor.MediaType == MediaTypes.ArtifactManifest)
        {
            throw new ArchiveFormatException($"OCI Artifact Manifest is not supported ({source}); OMMX artifacts are OCI image manifests");
        }

        if (indexDescriptor.MediaType != MediaTypes.ImageManifest)
        {
            throw new ArchiveFormatException(
                $"{source}: index.json manifest media type is {indexDescriptor.MediaType}, expected {MediaTypes.ImageManifest}");
        }

        var manifestBytes = ReadSmall(indexDescriptor, "manifest", BlobLimits.MaxManifestBytes);
        ImageManifest manifest;
        try
        {
            manifest = ImageManifest.ParseOmmx(manifestBytes);
        }
        catch (ManifestFormatException e)
        {
            throw new ArchiveFormatException($"{source}: manifest {indexDescriptor.Digest} is invalid: {e.Message}", e);
        }

        lease?.Register((alsoPublish ?? []).Concat(manifest.Blobs().Select(b => b.Digest)).Append(indexDescriptor.Digest));
        var index = 0;
        foreach (var blob in manifest.Layers)
        {
            RequirePresent(blob, $"layer {index++}");
        }

        RequirePresent(manifest.Config, "config");
        byte[]? config = null;
        if (manifest.ArtifactType == MediaTypes.OmmxExperiment)
        {
            if (manifest.Config.MediaType != MediaTypes.ExperimentConfig)
            {
                throw new ArchiveFormatException(
                    $"{source}: Experiment config media type is {manifest.Config.MediaType}, expected {MediaTypes.ExperimentConfig}");
            }

            config = ReadSmall(manifest.Config, "Experiment config", BlobLimits.MaxConfigBytes);
            try
            {
                // The loader's own checks, over the staged blobs: what import accepts, loading and listing accept.
                ExperimentContentCheck.Current(
                    manifest, config, layer => staged.TryGetValue(layer.Digest, out var blob) ? blob.Size : registry.Blobs.SizeOf(layer.Digest), layer => ReadSmall(layer, "layer", BlobLimits.MaxDecodedLayerBytes));
            }
            catch (OmmxException e)
            {
                throw new ArchiveFormatException($"{source}: Experiment {indexDescriptor.Digest} would not load: {e.Message}", e);
            }
        }

        CheckNoConflict(image, indexDescriptor.Digest);
        registry.AfterImportConflictCheck?.Invoke(image);
        var cache = new ManifestCacheEntry(indexDescriptor.Digest, manifestBytes, manifest.ArtifactType!, manifest.Config.Digest)
        {
            ExperimentConfigJson = config,
        };

        // The blobs are published inside the ref's write transaction, once the ref is known to be free: a ref
        // another process took since CheckNoConflict refuses the import with nothing published.
        var published = 0;
        var result = registry.Index.Publish(image.RepositoryKey, image.Reference, cache, beforeWrite: () =>
        {
            foreach (var digest in (alsoPublish ?? []).Concat(manifest.Blobs().Select(b => b.Digest)).Append(indexDescriptor.Digest).Distinct())
            {
                if (staged.Remove(digest, out var blob))
                {
                    blob.Commit(lease);
                    published++;
                }
            }
        });
        if (result.IsConflict)
        {
            throw new RefConflictException(
                $"Local registry ref conflict for {image}: existing manifest {result.Existing}, incoming manifest {indexDescriptor.Digest}", result);
        }

        return new ImportResult(image, indexDescriptor with { Annotations = null }, manifest.ArtifactType!, result.Outcome, published);
    }

    /// <summary>Reads a blob whole, after its declared and actual sizes were checked against each other and <paramref name="limit"/>.</summary>
    private byte[] ReadSmall(Descriptor descriptor, string what, int limit)
    {
        if (descriptor.Size > limit)
        {
            throw new ArchiveFormatException(
                $"{source}: {what} blob {descriptor.Digest} declares {descriptor.Size} bytes, more than the {ByteSize.Format(limit)} a {what} may have");
        }

        var size = staged.TryGetValue(descriptor.Digest, out var blob) ? blob.Size : registry.Blobs.SizeOf(descriptor.Digest)
            ?? throw new ArchiveFormatException($"{source}: {what} blob {descriptor.Digest} is missing");
        if (size != descriptor.Size)
        {
            throw new ArchiveFormatException(
                $"{source}: {what} blob {descriptor.Digest} has {size} bytes but its descriptor declares {descriptor.Size}");
        }

        var bytes = blob is not null ? blob.ReadAllBytes() : registry.Blobs.Read(descriptor.Digest);
        if (bytes.LongLength != descriptor.Size)
        {
            throw new ArchiveFormatException(
                $"{source}: {what} blob {descriptor.Digest} has {bytes.LongLength} bytes but its descriptor declares {descriptor.Size}");
        }

        return bytes;
    }

    private void RequirePresent(Descriptor descriptor, string what)
    {
        var size = staged.TryGetValue(descriptor.Digest, out var blob) ? blob.Size : registry.Blobs.SizeOf(descriptor.Digest);
        if (size is null)
        {
            throw new ArchiveFormatException(
                $"{source}: {what} blob {descriptor.Digest} is neither in the archive nor in the Local Registry");
        }

        if (size != descriptor.Size)
        {
            throw new ArchiveFormatException(
                $"{source}: {what} blob {descriptor.Digest} has {size} bytes but the manifest declares {descriptor.Size}");
        }
    }

    public void Dispose()
    {
        foreach (var blob in staged.Values)
        {
            blob.Dispose();
        }

        staged.Clear();
        lease?.Dispose();
    }
}
