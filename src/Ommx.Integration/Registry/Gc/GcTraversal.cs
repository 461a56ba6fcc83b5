using System.Globalization;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// Marks closures (manifest → config, layers, subject chain) from roots: refs, Run journals, protected and
/// leased digests. Used once for the mark phase and then again, incrementally, by every re-check of the
/// sweep: a ref or journal line that appeared since is traversed then, so its blobs are not deleted.
/// </summary>
internal sealed class GcTraversal
{
    private readonly LocalRegistry registry;
    private readonly GcMarkResult result;
    private readonly IGcRootFiles rootFiles;
    private readonly Queue<(Digest Digest, Digest? ReferencedBy, GcReferenceKind Kind, bool Strict)> queue = new();
    private readonly HashSet<Digest> parsed = [];
    private readonly HashSet<Digest> refRoots = [];
    private readonly Dictionary<string, (long Length, DateTime Modified)> journals = new(StringComparer.Ordinal);

    public GcTraversal(LocalRegistry registry, GcMarkResult result, IGcRootFiles rootFiles)
    {
        this.registry = registry;
        this.result = result;
        this.rootFiles = rootFiles;
    }

    /// <summary>Enqueues every ref not seen before (recording roots and bad rows only while reporting).</summary>
    public void AddRefs()
    {
        foreach (var row in registry.Index.ListRefRows(null))
        {
            var text = row.ManifestDigest as string;
            if (Digest.TryParse(text, out var digest))
            {
                if (refRoots.Add(digest) || result.Reporting)
                {
                    if (result.Reporting)
                    {
                        result.Roots.Add(new GcRoot(GcReferenceKind.RefManifest, Text(row.Name), Text(row.Reference), digest));
                    }

                    queue.Enqueue((digest, null, GcReferenceKind.RefManifest, true));
                }

                continue;
            }

            if (Digest.TryParse(text?.ToLowerInvariant(), out var lowered) && refRoots.Add(lowered))
            {
                // Keep what the row most likely meant alive rather than risk deleting it.
                queue.Enqueue((lowered, null, GcReferenceKind.RefManifest, true));
            }

            if (result.Reporting)
            {
                var shown = text ?? $"<{RefRows.SqliteTypeName(row.ManifestDigest)}>";
                result.Problems.Add(new GcProblem($"{Text(row.Name)}:{Text(row.Reference)}", $"Ref has an invalid manifest digest \"{shown}\"; skipped as a root"));
            }
        }
    }

    /// <summary>Enqueues the digests of every root file (Run journal) that is new or changed since the last call.</summary>
    public void AddJournals()
    {
        foreach (var path in rootFiles.Paths(registry.Root))
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue;
            }

            var stamp = (info.Length, info.LastWriteTimeUtc);
            if (journals.TryGetValue(path, out var seen) && seen == stamp)
            {
                continue;
            }

            journals[path] = stamp;
            AddProtected(rootFiles.DigestsIn(path), GcReferenceKind.ProtectedDigest);
        }
    }

    public void AddProtected(IEnumerable<Digest> digests, GcReferenceKind kind)
    {
        foreach (var digest in digests)
        {
            if (result.Reporting)
            {
                result.Roots.Add(new GcRoot(kind, null, null, digest));
            }

            queue.Enqueue((digest, null, kind, false));
        }
    }

    /// <summary>
    /// Marks everything reachable from what was enqueued. A manifest a ref or subject chain names that is
    /// missing, unreadable or fails its hash check still keeps what it names: its bytes are parsed anyway and
    /// every digest found is marked. When that cannot be trusted to be complete (the bytes do not parse, or a
    /// blob they name is not in the store, so a corrupted digest may hide the real one) GC holds back every
    /// deletion until a person restores or removes that ref.
    /// </summary>
    public void Drain()
    {
        while (queue.TryDequeue(out var visit))
        {
            result.MarkDigest(visit.Digest, visit.ReferencedBy, visit.Kind, registry.Blobs);
            if (!result.HasBlob(visit.Digest, registry.Blobs))
            {
                if (visit.Strict && parsed.Add(visit.Digest))
                {
                    result.HoldDeletion(visit.Digest, $"manifest {visit.Digest} ({KindText(visit)}) is missing, so the blobs it named cannot be known");
                }

                continue;
            }

            if (!parsed.Add(visit.Digest))
            {
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(registry.Blobs.PathFor(visit.Digest));
            }
            catch (Exception e) when (StorageErrors.IsFileError(e))
            {
                if (result.Reporting)
                {
                    result.Invalid.Add(new GcInvalidManifest(visit.Digest, visit.ReferencedBy, visit.Kind, $"Failed to read manifest blob {visit.Digest}"));
                }

                if (visit.Strict)
                {
                    result.HoldDeletion(visit.Digest, $"manifest {visit.Digest} ({KindText(visit)}) cannot be read ({e.Message}), so the blobs it names cannot be known");
                }

                continue;
            }

            var verified = Digest.Compute(bytes) == visit.Digest;
            var parses = ManifestReferences.TryRead(bytes, out var config, out var layers, out var subject);
            if (!verified && result.Reporting)
            {
                result.Invalid.Add(new GcInvalidManifest(visit.Digest, visit.ReferencedBy, visit.Kind,
                    parses
                        ? $"Failed to read manifest blob {visit.Digest}: its bytes fail the hash check; every blob it names is kept"
                        : $"Failed to read manifest blob {visit.Digest}"));
            }

            if (!parses)
            {
                if (visit.Strict && verified && result.Reporting)
                {
                    result.Invalid.Add(new GcInvalidManifest(visit.Digest, visit.ReferencedBy, visit.Kind, $"Failed to parse OCI image manifest {visit.Digest}"));
                }

                if (visit.Strict && !verified)
                {
                    result.HoldDeletion(visit.Digest, $"manifest {visit.Digest} ({KindText(visit)}) fails its hash check and does not parse, so the blobs it names cannot be known");
                }

                continue;
            }

            result.MarkDigest(config, visit.Digest, GcReferenceKind.Config, registry.Blobs);
            foreach (var layer in layers)
            {
                result.MarkDigest(layer, visit.Digest, GcReferenceKind.Layer, registry.Blobs);
            }

            if (!verified && visit.Strict && layers.Prepend(config).Any(d => !result.HasBlob(d, registry.Blobs)))
            {
                result.HoldDeletion(visit.Digest, $"manifest {visit.Digest} ({KindText(visit)}) fails its hash check and names a blob that is not in the store: a corrupted digest may hide the one it meant");
            }

            if (subject is { } s)
            {
                queue.Enqueue((s, visit.Digest, GcReferenceKind.Subject, true));
            }
        }
    }

    private string KindText((Digest Digest, Digest? ReferencedBy, GcReferenceKind Kind, bool Strict) visit) =>
        visit.ReferencedBy is { } parent ? $"{visit.Kind} of {parent}" : RefNames(visit.Digest);

    private string RefNames(Digest digest)
    {
        var names = registry.Index.ListRefRows(null)
            .Where(r => r.ManifestDigest as string == digest.ToString())
            .Select(r => $"{Text(r.Name)}:{Text(r.Reference)}")
            .ToList();
        return names.Count > 0 ? "ref " + string.Join(", ", names) : "a protected digest";
    }

    private static string Text(object value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
