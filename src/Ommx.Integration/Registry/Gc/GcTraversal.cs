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
    private readonly Queue<(Digest Digest, Digest? ReferencedBy, GcReferenceKind Kind, bool Strict)> queue = new();
    private readonly HashSet<Digest> parsed = [];
    private readonly HashSet<Digest> refRoots = [];
    private readonly Dictionary<string, (long Length, DateTime Modified)> journals = new(StringComparer.Ordinal);

    public GcTraversal(LocalRegistry registry, GcMarkResult result)
    {
        this.registry = registry;
        this.result = result;
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

    /// <summary>Enqueues the digests of every journal file that is new or changed since the last call.</summary>
    public void AddJournals()
    {
        foreach (var path in RunJournalFiles.JournalPaths(registry.Root))
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
            AddProtected(RunJournalFiles.DigestsIn(path), GcReferenceKind.ProtectedDigest);
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

    /// <summary>Marks everything reachable from what was enqueued.</summary>
    public void Drain()
    {
        while (queue.TryDequeue(out var visit))
        {
            result.MarkDigest(visit.Digest, visit.ReferencedBy, visit.Kind, registry.Blobs);
            if (!result.HasBlob(visit.Digest, registry.Blobs) || !parsed.Add(visit.Digest))
            {
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = registry.Blobs.Read(visit.Digest);
            }
            catch (OmmxException)
            {
                if (result.Reporting)
                {
                    result.Invalid.Add(new GcInvalidManifest(visit.Digest, visit.ReferencedBy, visit.Kind, $"Failed to read manifest blob {visit.Digest}"));
                }

                continue;
            }

            if (!ManifestReferences.TryRead(bytes, out var config, out var layers, out var subject))
            {
                if (visit.Strict && result.Reporting)
                {
                    result.Invalid.Add(new GcInvalidManifest(visit.Digest, visit.ReferencedBy, visit.Kind, $"Failed to parse OCI image manifest {visit.Digest}"));
                }

                continue;
            }

            result.MarkDigest(config, visit.Digest, GcReferenceKind.Config, registry.Blobs);
            foreach (var layer in layers)
            {
                result.MarkDigest(layer, visit.Digest, GcReferenceKind.Layer, registry.Blobs);
            }

            if (subject is { } s)
            {
                queue.Enqueue((s, visit.Digest, GcReferenceKind.Subject, true));
            }
        }
    }

    private static string Text(object value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
