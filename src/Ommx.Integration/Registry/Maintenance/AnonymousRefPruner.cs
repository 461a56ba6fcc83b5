using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Maintenance;

/// <summary>
/// Removes anonymous refs (from any registry id prefix) with compare-and-delete, so a ref replaced after
/// selection survives. Blobs are left for GC. Named and checkpoint refs are never selected. A recorded test
/// run's moving alias in an anonymous repository (<c>&lt;id8&gt;.ommx.local/experiment:latest</c>,
/// <c>:latest-failed</c>) goes with the runs it points to: it is selected once no ref that stays points there.
/// </summary>
internal static class AnonymousRefPruner
{
    /// <summary>The moving aliases <c>dotnet test</c> recording points at its newest result (see <c>TestRunSessions</c>).</summary>
    private static readonly HashSet<string> RunAliasTags = new(StringComparer.Ordinal) { "latest", "latest-failed" };

    public static PruneReport Run(LocalRegistry registry, PruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var candidates = Select(registry, options);
        if (!options.Delete)
        {
            return new PruneReport(registry.Root, false, candidates);
        }

        var deleted = registry.Index.DeleteIfUnchanged(Select(registry, options).Select(c => c.Ref));
        return new PruneReport(registry.Root, true, deleted.Select(r => new AnonymousRef(r)).ToList());
    }

    private static List<AnonymousRef> Select(LocalRegistry registry, PruneOptions options)
    {
        var cutoff = options.OlderThan is { } age ? SafeSubtract(DateTimeOffset.UtcNow, age) : (DateTimeOffset?)null;
        var selected = new List<AnonymousRef>();
        var kept = new List<RegistryRef>();
        var aliases = new List<RegistryRef>();
        foreach (var raw in registry.Index.ListRefRows(null))
        {
            if (raw.Name is not string name || raw.Reference is not string reference
                || raw.ManifestDigest is not string digest || raw.UpdatedAt is not string updatedAt)
            {
                continue;
            }

            var row = new RegistryRef(name, reference, digest, updatedAt);
            if (!ImageNames.IsAnonymousRepositoryKey(name, options.Experiments) || !ImageNames.IsAnonymousTag(reference))
            {
                if (ImageNames.IsAnonymousRepositoryKey(name, options.Experiments) && RunAliasTags.Contains(reference))
                {
                    aliases.Add(row);
                }
                else
                {
                    kept.Add(row);
                }

                continue;
            }

            if (cutoff is { } limit)
            {
                if (!RegistryTime.TryParse(updatedAt, out var time))
                {
                    throw new RegistryFormatException($"Invalid Local Registry ref timestamp for {name}:{reference}");
                }

                if (time > limit)
                {
                    kept.Add(row);
                    continue;
                }
            }

            selected.Add(new AnonymousRef(row));
        }

        var stays = kept.Select(r => r.ManifestDigest).ToHashSet(StringComparer.Ordinal);
        var pruned = selected.Select(r => r.Ref.ManifestDigest).ToHashSet(StringComparer.Ordinal);
        selected.AddRange(aliases.Where(a => pruned.Contains(a.ManifestDigest) && !stays.Contains(a.ManifestDigest)).Select(a => new AnonymousRef(a)));
        return selected;
    }

    private static DateTimeOffset SafeSubtract(DateTimeOffset now, TimeSpan age) =>
        age.Ticks > now.UtcTicks - DateTimeOffset.MinValue.UtcTicks ? DateTimeOffset.MinValue : now - age;
}
