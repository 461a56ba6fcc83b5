using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Listing;

/// <summary>
/// Lists OMMX artifacts from the SQLite caches without touching blobs, backfilling missing cache rows and
/// repairing corrupt ones from the CAS (with a warning), as OMMX does. Internal checkpoint refs are hidden
/// unless asked for. A strict listing throws on the first ref it would have repaired or skipped.
/// </summary>
internal static class ArtifactCatalog
{
    public static ArtifactListing List(LocalRegistry registry, string? prefix = null, bool includeInternal = false, bool strict = false) =>
        List(registry, prefix, includeInternal, strict, applyRepairs: true, out _);

    /// <summary>
    /// The listing, optionally without writing: with <paramref name="applyRepairs"/> false the cache is left
    /// as it is and <paramref name="pendingRepairs"/> names the refs whose cache rows a listing would
    /// backfill or repair (what <c>ommx doctor</c> reports before <c>--fix</c>).
    /// </summary>
    internal static ArtifactListing List(
        LocalRegistry registry, string? prefix, bool includeInternal, bool strict, bool applyRepairs, out IReadOnlyList<string> pendingRepairs)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var repairedImages = new List<string>();
        pendingRepairs = repairedImages;
        var checkpointKey = ImageNames.CheckpointRepositoryKey(registry.RegistryId);
        var warnings = new List<ListingWarning>();
        var repairs = new List<ManifestCacheEntry>();
        var records = new List<ArtifactRecord>();
        var fromCas = new Dictionary<Digest, (ManifestCacheEntry? Entry, string? Error)>();

        foreach (var row in registry.Index.ListCachedRows(prefix))
        {
            var rawName = row.Ref.Name as string;
            if (!includeInternal && rawName == checkpointKey)
            {
                continue;
            }

            var hasCache = row.ManifestJson is not null;
            var identityStage = hasCache ? ListingStage.ManifestCacheRepair : ListingStage.ManifestBackfill;
            if (!TryIdentity(row.Ref, out var image, out var digest, out var identity))
            {
                Report(new ListingWarning(identity.ImageName, identity.Digest, identityStage, identity.Error!));
                continue;
            }

            (ManifestCacheEntry? Entry, string? Error)? cached = hasCache ? CheckCachedManifest(row, digest) : null;
            ManifestCacheEntry entry;
            if (cached is not { Error: null })
            {
                if (hasCache && strict)
                {
                    Report(new ListingWarning(image!.ToString(), digest.ToString(), ListingStage.ManifestCacheRepair, cached!.Value.Error!));
                }

                var (casEntry, casError) = ReadFromCas(registry, digest, fromCas);
                if (casEntry is null)
                {
                    var message = hasCache ? $"Invalid cached Manifest: {cached!.Value.Error}; CAS repair failed: {casError}" : casError!;
                    Report(new ListingWarning(image!.ToString(), digest.ToString(), identityStage, message));
                    continue;
                }

                if (hasCache)
                {
                    warnings.Add(new ListingWarning(image!.ToString(), digest.ToString(), ListingStage.ManifestCacheRepair,
                        $"Invalid cached Manifest was repaired from CAS: {cached!.Value.Error}"));
                }

                repairs.Add(casEntry);
                repairedImages.Add(image!.ToString());
                entry = casEntry;
            }
            else
            {
                entry = cached.Value.Entry!;
                if (entry.ArtifactType == MediaTypes.OmmxExperiment)
                {
                    var configError = CheckCachedConfig(row, entry.ConfigDigest);
                    if (configError is not null)
                    {
                        var stage = row.ConfigJson is null ? ListingStage.ExperimentConfigBackfill : ListingStage.ExperimentConfigCacheRepair;
                        if (row.ConfigJson is not null && strict)
                        {
                            Report(new ListingWarning(image!.ToString(), digest.ToString(), stage, configError));
                        }

                        var (casEntry, casError) = ReadFromCas(registry, digest, fromCas);
                        if (casEntry is null)
                        {
                            Report(new ListingWarning(image!.ToString(), digest.ToString(), stage,
                                row.ConfigJson is null ? casError! : $"Invalid cached Experiment projection: {configError}; CAS repair failed: {casError}"));
                            continue;
                        }

                        if (row.ConfigJson is not null)
                        {
                            warnings.Add(new ListingWarning(image!.ToString(), digest.ToString(), stage,
                                $"Invalid cached Experiment projection was repaired from CAS: {configError}"));
                        }

                        repairs.Add(casEntry);
                        repairedImages.Add(image!.ToString());
                        entry = casEntry;
                    }
                }
            }

            records.Add(new ArtifactRecord
            {
                Image = image!,
                ManifestDigest = digest,
                UpdatedAt = (string)row.Ref.UpdatedAt,
                ArtifactType = entry.ArtifactType,
                ConfigDigest = entry.ConfigDigest,
                Manifest = ImageManifest.Parse(entry.ManifestJson),
                ManifestJson = entry.ManifestJson,
                ConfigJson = entry.ExperimentConfigJson,
            });
        }

        if (applyRepairs && repairs.Count > 0 && !registry.IsReadOnly)
        {
            registry.Index.UpsertCacheAndPrune(repairs);
        }

        return new ArtifactListing(records, warnings.Distinct().ToList());

        void Report(ListingWarning warning)
        {
            if (strict)
            {
                throw new ListingException(warning);
            }

            warnings.Add(warning);
        }
    }

    private static bool TryIdentity(RawRefRow row, out ImageReference? image, out Digest digest, out (string ImageName, string Digest, string? Error) identity)
    {
        image = null;
        digest = default;
        var name = row.Name as string ?? string.Empty;
        var reference = row.Reference as string ?? string.Empty;
        var shownImage = RegistryRef.Join(name, reference);
        var shownDigest = row.ManifestDigest as string ?? string.Empty;
        identity = (shownImage, shownDigest, null);
        if (row.Name is not string || row.Reference is not string || row.UpdatedAt is not string)
        {
            identity.Error = "Local Registry ref columns must be TEXT";
            return false;
        }

        if (row.ManifestDigest is not string)
        {
            identity.Error = $"Local Registry manifest digest must be TEXT, got {RefRows.SqliteTypeName(row.ManifestDigest)}";
            return false;
        }

        if (!ImageReference.TryParse(shownImage, out image))
        {
            identity.Error = $"Invalid Local Registry image ref with name \"{name}\" and reference \"{reference}\"";
            return false;
        }

        if (!Digest.TryParse(shownDigest, out digest))
        {
            identity.Error = $"Invalid Local Registry manifest digest \"{shownDigest}\"";
            return false;
        }

        return true;
    }

    private static (ManifestCacheEntry? Entry, string? Error) CheckCachedManifest(CachedRefRow row, Digest digest)
    {
        if (row.ManifestJson is not byte[] json)
        {
            return (null, $"Cached Manifest JSON must be BLOB, got {RefRows.SqliteTypeName(row.ManifestJson)}");
        }

        if (Digest.Compute(json) != digest)
        {
            return (null, $"Cached Manifest JSON does not match {digest}");
        }

        if (row.ArtifactType is not string artifactType || !MediaTypes.IsOmmxArtifactType(artifactType))
        {
            return (null, $"Cached artifact type {row.ArtifactType} is not an OMMX artifact type");
        }

        ImageManifest manifest;
        try
        {
            manifest = ImageManifest.Parse(json);
        }
        catch (ManifestFormatException e)
        {
            return (null, $"Cached Manifest JSON does not parse: {e.Message}");
        }

        if (manifest.ArtifactType != artifactType)
        {
            return (null, $"Cached artifact type {artifactType} does not match the manifest's {manifest.ArtifactType}");
        }

        if (row.ConfigDigest as string != manifest.Config.Digest.ToString())
        {
            return (null, $"Cached config digest {row.ConfigDigest} does not match the manifest's {manifest.Config.Digest}");
        }

        return (new ManifestCacheEntry(digest, json, artifactType, manifest.Config.Digest)
        {
            ExperimentConfigJson = row.ConfigJson as byte[],
        }, null);
    }

    private static string? CheckCachedConfig(CachedRefRow row, Digest configDigest)
    {
        if (row.ConfigJson is null)
        {
            return "Experiment config cache row is missing";
        }

        if (row.ConfigJson is not byte[] json)
        {
            return $"Cached Experiment Config JSON must be BLOB, got {RefRows.SqliteTypeName(row.ConfigJson)}";
        }

        if (Digest.Compute(json) != configDigest)
        {
            return $"Cached Experiment Config JSON does not match {configDigest}";
        }

        return ExperimentConfigCheck.Validate(json);
    }

    private static (ManifestCacheEntry? Entry, string? Error) ReadFromCas(LocalRegistry registry, Digest digest, Dictionary<Digest, (ManifestCacheEntry?, string?)> memo)
    {
        if (memo.TryGetValue(digest, out var known))
        {
            return known;
        }

        (ManifestCacheEntry?, string?) result;
        try
        {
            var entry = registry.BuildCacheEntry(registry.ReadManifest(digest));
            var configError = entry.ExperimentConfigJson is { } config ? ExperimentConfigCheck.Validate(config) : null;
            result = configError is null ? (entry, null) : (null, configError);
        }
        catch (OmmxException e)
        {
            result = (null, e.Message);
        }

        memo[digest] = result;
        return result;
    }
}
