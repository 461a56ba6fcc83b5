using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Listing;

namespace Ommx.Integration.Experiments;

/// <summary>Lists Experiments and Experiment checkpoints from the registry's caches.</summary>
internal static class ExperimentCatalog
{
    /// <summary>Committed (and renamed-checkpoint) Experiments; internal checkpoint and journal refs excluded.</summary>
    public static (IReadOnlyList<ExperimentRecord> Experiments, IReadOnlyList<ListingWarning> Warnings) List(LocalRegistry registry, string? prefix = null, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var listing = ArtifactCatalog.List(registry, prefix, includeInternal: false, strict);
        var warnings = listing.Warnings.ToList();
        var records = new List<ExperimentRecord>();
        foreach (var artifact in listing.Artifacts.Where(a => a.IsExperiment))
        {
            try
            {
                records.Add(ToRecord(artifact, null));
            }
            catch (OmmxException e)
            {
                // A config another tool wrote that the loader refuses: one warning, and the listing goes on.
                var warning = new ListingWarning(artifact.ImageName, artifact.ManifestDigest.ToString(), ListingStage.ExperimentConfigBackfill, e.Message);
                if (strict)
                {
                    throw new ListingException(warning);
                }

                warnings.Add(warning);
            }
        }

        return (records, warnings);
    }

    /// <summary>
    /// Checkpoints (draft, failed, interrupted) of this registry, matched by a prefix of the requested name,
    /// sorted by requested name then checkpoint name.
    /// </summary>
    public static (IReadOnlyList<ExperimentRecord> Checkpoints, IReadOnlyList<ListingWarning> Warnings) ListCheckpoints(
        LocalRegistry registry, string? prefix = null, IReadOnlyCollection<ExperimentStatus>? statuses = null, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (statuses?.Contains(ExperimentStatus.Finished) == true)
        {
            throw new ArgumentException("Unknown Experiment checkpoint status `finished`; expected `draft`, `failed`, or `interrupted`", nameof(statuses));
        }

        var key = ImageNames.CheckpointRepositoryKey(registry.RegistryId);
        var listing = ArtifactCatalog.List(registry, key, includeInternal: true, strict);
        var warnings = listing.Warnings.ToList();
        var records = new List<ExperimentRecord>();
        foreach (var artifact in listing.Artifacts.Where(a => a.Image.RepositoryKey == key))
        {
            string? problem = null;
            ExperimentRecord? record = null;
            try
            {
                var loaded = ExperimentArtifactReader.Parse(artifact.ConfigJson ?? [], artifact.Manifest);
                if (loaded.RequestedName is null)
                {
                    problem = "Experiment checkpoint is missing `requested_image_name`";
                }
                else if (!ImageNames.CheckpointReference(registry.RegistryId, loaded.RequestedName).Equals(artifact.Image))
                {
                    problem = $"Experiment checkpoint ref does not match `requested_image_name` {loaded.RequestedName}";
                }
                else if (loaded.Status == ExperimentStatus.Finished)
                {
                    problem = "Experiment checkpoint has status finished";
                }
                else
                {
                    record = ToRecord(artifact, loaded);
                }
            }
            catch (OmmxException e)
            {
                problem = e.Message;
            }

            if (problem is not null)
            {
                var warning = new ListingWarning(artifact.ImageName, artifact.ManifestDigest.ToString(), ListingStage.CheckpointProjection, problem);
                if (strict)
                {
                    throw new ListingException(warning);
                }

                warnings.Add(warning);
                continue;
            }

            if ((prefix is null || record!.RequestedImage!.ToString().StartsWith(prefix, StringComparison.Ordinal))
                && (statuses is null || statuses.Count == 0 || statuses.Contains(record!.Status)))
            {
                records.Add(record!);
            }
        }

        return (records.OrderBy(r => r.RequestedImage!.ToString(), StringComparer.Ordinal).ThenBy(r => r.ImageName, StringComparer.Ordinal).ToList(), warnings);
    }

    private static ExperimentRecord ToRecord(ArtifactRecord artifact, LoadedExperiment? loaded)
    {
        loaded ??= ExperimentArtifactReader.Parse(artifact.ConfigJson ?? [], artifact.Manifest);
        return new ExperimentRecord
        {
            Image = artifact.Image,
            RequestedImage = loaded.RequestedName,
            ManifestDigest = artifact.ManifestDigest,
            ConfigDigest = artifact.ConfigDigest,
            UpdatedAt = artifact.UpdatedAt,
            Status = loaded.Status,
            RunCount = loaded.Content.Runs.Count,
            SolveCount = loaded.Content.Runs.Values.Sum(r => r.Solves.Count),
            SamplingCount = loaded.Content.Runs.Values.Sum(r => r.Samplings.Count),
            Annotations = artifact.Annotations,
            ConfigJson = artifact.ConfigJson ?? [],
        };
    }
}
