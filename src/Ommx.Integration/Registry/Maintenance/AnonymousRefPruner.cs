using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Maintenance;

/// <summary>
/// Removes anonymous refs (from any registry id prefix) with compare-and-delete, so a ref replaced after
/// selection survives. Blobs are left for GC. Named and checkpoint refs are never selected.
/// </summary>
public static class AnonymousRefPruner
{
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
        foreach (var raw in registry.Index.ListRefRows(null))
        {
            if (raw.Name is not string name || raw.Reference is not string reference
                || raw.ManifestDigest is not string digest || raw.UpdatedAt is not string updatedAt)
            {
                continue;
            }

            if (!ImageNames.IsAnonymousRepositoryKey(name, options.Experiments) || !ImageNames.IsAnonymousTag(reference))
            {
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
                    continue;
                }
            }

            selected.Add(new AnonymousRef(new RegistryRef(name, reference, digest, updatedAt)));
        }

        return selected;
    }

    private static DateTimeOffset SafeSubtract(DateTimeOffset now, TimeSpan age) =>
        age.Ticks > now.UtcTicks - DateTimeOffset.MinValue.UtcTicks ? DateTimeOffset.MinValue : now - age;
}
