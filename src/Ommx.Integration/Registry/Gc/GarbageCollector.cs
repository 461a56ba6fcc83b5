using Ommx.Integration.Oci;

namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// Mark-sweep GC of the blob store, as OMMX does it: mark from every ref through config, layers and
/// <c>subject</c> chains; classify unreachable blob files by the grace period; in delete mode, hold
/// <c>.gc-exclusion.lock</c> for the whole pass and unlink each candidate under <c>blobs/.lock</c> only if
/// its mtime is still older than the cutoff. Unlike OMMX it never fails on a corrupt ref row or an
/// upper-case blob name (it reports them and carries on), and it removes stale writer temp files.
/// </summary>
public static class GarbageCollector
{
    public static GcReport Run(LocalRegistry registry, GcOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Delete)
        {
            return Mark(registry, options).ToReport(registry.Root, options, deleteApplied: false);
        }

        using var exclusion = FileLock.Acquire(registry.GcExclusionLockPath);
        var marked = Mark(registry, options);
        return Sweep(registry, options, marked);
    }

    private static GcMarkResult Mark(LocalRegistry registry, GcOptions options)
    {
        var scan = BlobScan.Run(registry.Blobs);
        var now = DateTime.UtcNow;
        var result = new GcMarkResult(scan, now);
        foreach (var path in scan.UpperCaseNames)
        {
            result.Problems.Add(new GcProblem(path, "Blob file name is upper-case hex; OCI digests are lower-case. Left in place."));
        }

        var queue = new Queue<(Digest Digest, Digest? ReferencedBy, GcReferenceKind Kind, bool Strict)>();
        foreach (var row in registry.Index.ListRefRows(null))
        {
            var name = row.Name as string ?? Convert.ToString(row.Name, System.Globalization.CultureInfo.InvariantCulture);
            var reference = row.Reference as string ?? Convert.ToString(row.Reference, System.Globalization.CultureInfo.InvariantCulture);
            var text = row.ManifestDigest as string;
            if (Digest.TryParse(text, out var digest))
            {
                result.Roots.Add(new GcRoot(GcReferenceKind.RefManifest, name, reference, digest));
                queue.Enqueue((digest, null, GcReferenceKind.RefManifest, true));
                continue;
            }

            var shown = text ?? $"<{RefRows.SqliteTypeName(row.ManifestDigest)}>";
            if (Digest.TryParse(text?.ToLowerInvariant(), out var lowered))
            {
                // Keep what the row most likely meant alive rather than risk deleting it.
                queue.Enqueue((lowered, null, GcReferenceKind.RefManifest, true));
            }

            result.Problems.Add(new GcProblem($"{name}:{reference}", $"Ref has an invalid manifest digest \"{shown}\"; skipped as a root"));
        }

        // Blobs named by Run journals (recordings in progress or crashed) are protected like OMMX's protected digests.
        foreach (var digest in options.ProtectedDigests.Concat(RunJournalFiles.ReferencedDigests(registry.Root)).Distinct())
        {
            result.Roots.Add(new GcRoot(GcReferenceKind.ProtectedDigest, null, null, digest));
            queue.Enqueue((digest, null, GcReferenceKind.ProtectedDigest, false));
        }

        var parsed = new HashSet<Digest>();
        while (queue.TryDequeue(out var visit))
        {
            result.MarkDigest(visit.Digest, visit.ReferencedBy, visit.Kind);
            if (!scan.Blobs.ContainsKey(visit.Digest) || !parsed.Add(visit.Digest))
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
                result.Invalid.Add(new GcInvalidManifest(visit.Digest, visit.ReferencedBy, visit.Kind, $"Failed to read manifest blob {visit.Digest}"));
                continue;
            }

            if (!ManifestReferences.TryRead(bytes, out var config, out var layers, out var subject))
            {
                if (visit.Strict)
                {
                    result.Invalid.Add(new GcInvalidManifest(visit.Digest, visit.ReferencedBy, visit.Kind, $"Failed to parse OCI image manifest {visit.Digest}"));
                }

                continue;
            }

            result.MarkDigest(config, visit.Digest, GcReferenceKind.Config);
            foreach (var layer in layers)
            {
                result.MarkDigest(layer, visit.Digest, GcReferenceKind.Layer);
            }

            if (subject is { } s)
            {
                queue.Enqueue((s, visit.Digest, GcReferenceKind.Subject, true));
            }
        }

        result.Classify(options.GracePeriod);
        return result;
    }

    private static GcReport Sweep(LocalRegistry registry, GcOptions options, GcMarkResult marked)
    {
        var deleted = new List<GcBlob>();
        var skipped = new List<GcBlob>();
        var removedTemps = new List<string>();
        var cutoffTicks = marked.Now.Ticks - options.GracePeriod.Ticks;
        if (options.GracePeriod == TimeSpan.MaxValue || cutoffTicks < DateTime.MinValue.Ticks)
        {
            skipped.AddRange(marked.OrphanCandidates);
        }
        else
        {
            var cutoff = new DateTime(cutoffTicks, DateTimeKind.Utc);
            foreach (var candidate in marked.OrphanCandidates)
            {
                using var guard = registry.Blobs.AcquireLock();
                var path = registry.Blobs.PathFor(candidate.Digest);
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    if (Directory.Exists(path))
                    {
                        marked.Problems.Add(new GcProblem(path, $"Blob path is not a file for {candidate.Digest}: {path}"));
                    }

                    continue;
                }

                if (info.LastWriteTimeUtc < cutoff)
                {
                    info.Delete();
                    deleted.Add(candidate);
                }
                else
                {
                    skipped.Add(candidate);
                }
            }

            foreach (var temp in marked.StaleTempFiles)
            {
                // A live .NET writer holds its temp file exclusively; only unlocked leftovers are removed.
                using var probe = FileLock.TryAcquire(temp);
                if (probe is not null)
                {
                    probe.Dispose();
                    BlobStore.TryDelete(temp);
                    if (!File.Exists(temp))
                    {
                        removedTemps.Add(temp);
                    }
                }
            }
        }

        return marked.ToReport(registry.Root, options, deleteApplied: true) with
        {
            DeletedBlobs = deleted,
            SkippedBlobs = skipped,
            RemovedTempFiles = removedTemps,
        };
    }
}
