using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Doctor;

internal static partial class DoctorChecks
{
    /// <summary>Walks every ref's closure; each broken blob becomes one problem naming every ref that reaches it.</summary>
    public static void Closures(LocalRegistry registry, BlobScan blobs, HashSet<Digest> corrupt, DoctorScan scan)
    {
        var issues = new Dictionary<Digest, DoctorBlobIssue>();
        var manifests = new Dictionary<Digest, (ImageManifest? Manifest, DoctorProblemKind? Kind, string? Error)>();
        foreach (var row in registry.Index.ListRefRows(null))
        {
            scan.RefCount++;
            var name = row.Name as string;
            var reference = row.Reference as string;
            var shown = $"{name ?? RefRows.SqliteTypeName(row.Name)}:{reference ?? RefRows.SqliteTypeName(row.Reference)}";
            string? problem = null;
            ImageReference? image = null;
            Digest digest = default;
            if (name is null || reference is null || row.ManifestDigest is not string digestText)
            {
                problem = "ref columns must be TEXT";
            }
            else if (!ImageReference.TryParse(name + (reference.Contains(':', StringComparison.Ordinal) ? "@" : ":") + reference, out image))
            {
                problem = $"not a valid image name (name \"{name}\", reference \"{reference}\")";
            }
            else if (!Digest.TryParse(digestText, out digest))
            {
                problem = $"manifest digest \"{digestText}\" is not sha256:<64 lower-case hex>";
            }
            else if (!DigestReferences.Agrees(reference, digestText))
            {
                problem = $"digest reference points at another manifest, {digestText}: a digest reference must name exactly its manifest";
            }

            if (problem is not null)
            {
                scan.ReportedRefs.Add(shown);
                scan.Problems.Add(new DoctorProblem(DoctorProblemKind.InvalidRef, shown, problem)
                {
                    Hint = "remove the row (ommx rm, or SQLite) or restore it with ommx restore-ref",
                });
                continue;
            }

            Walk(registry, blobs, corrupt, manifests, issues, digest, image!.ToString());
        }

        foreach (var digest in corrupt.Where(d => !issues.ContainsKey(d)))
        {
            issues[digest] = new DoctorBlobIssue(DoctorProblemKind.CorruptBlob, "blob content does not hash to its digest; no ref reaches it");
        }

        foreach (var (digest, issue) in issues.OrderBy(p => p.Value.Kind).ThenBy(p => p.Key.Hex, StringComparer.Ordinal))
        {
            scan.ReportedRefs.UnionWith(issue.Refs);
            var unreferenced = issue.Refs.Count == 0 && issue.Kind == DoctorProblemKind.CorruptBlob;
            scan.Problems.Add(new DoctorProblem(issue.Kind, digest.ToString(), issue.Message)
            {
                Refs = [.. issue.Refs],
                Fixable = unreferenced,
                Hint = unreferenced ? null : issue.Kind == DoctorProblemKind.CorruptBlob || issue.Kind == DoctorProblemKind.MissingBlob
                    ? "re-import the affected artifacts from an archive or remote (ommx import / pull); if the data is lost, ommx rm the refs"
                    : "re-import the affected artifacts; if the data is lost, ommx rm the refs",
            });
        }
    }

    private static void Walk(
        LocalRegistry registry,
        BlobScan blobs,
        HashSet<Digest> corrupt,
        Dictionary<Digest, (ImageManifest? Manifest, DoctorProblemKind? Kind, string? Error)> manifests,
        Dictionary<Digest, DoctorBlobIssue> issues,
        Digest root,
        string image)
    {
        var visited = new HashSet<Digest>();
        var pending = new Stack<(Digest Digest, string What, long? Size, bool IsManifest)>();
        pending.Push((root, "manifest", null, true));
        while (pending.TryPop(out var visit))
        {
            if (!visited.Add(visit.Digest))
            {
                continue;
            }

            if (!blobs.Blobs.TryGetValue(visit.Digest, out var file))
            {
                Issue(issues, visit.Digest, DoctorProblemKind.MissingBlob, $"{visit.What} blob is missing from the blob store", image);
                continue;
            }

            if (corrupt.Contains(visit.Digest))
            {
                Issue(issues, visit.Digest, DoctorProblemKind.CorruptBlob, $"{visit.What} blob content does not hash to its digest", image);
                continue;
            }

            if (visit.Size is { } declared && declared != file.Size)
            {
                Issue(issues, visit.Digest, DoctorProblemKind.SizeMismatch, $"{visit.What} blob has {file.Size} bytes but the manifest declares {declared}", image);
            }

            if (!visit.IsManifest)
            {
                continue;
            }

            if (!manifests.TryGetValue(visit.Digest, out var parsed))
            {
                parsed = ReadManifest(registry, visit.Digest);
                manifests[visit.Digest] = parsed;
            }

            if (parsed.Manifest is not { } manifest)
            {
                Issue(issues, visit.Digest, parsed.Kind!.Value, $"{visit.What} blob {parsed.Error}", image);
                continue;
            }

            pending.Push((manifest.Config.Digest, "config", manifest.Config.Size, false));
            foreach (var layer in manifest.Layers)
            {
                pending.Push((layer.Digest, "layer", layer.Size, false));
            }

            if (manifest.Subject is { } subject)
            {
                pending.Push((subject.Digest, "subject manifest", subject.Size, true));
            }
        }
    }

    private static (ImageManifest?, DoctorProblemKind?, string?) ReadManifest(LocalRegistry registry, Digest digest)
    {
        byte[] bytes;
        try
        {
            bytes = registry.Blobs.Read(digest);
        }
        catch (OmmxException)
        {
            return (null, DoctorProblemKind.CorruptBlob, "content does not hash to its digest");
        }

        try
        {
            return (ImageManifest.Parse(bytes), null, null);
        }
        catch (ManifestFormatException e)
        {
            return (null, DoctorProblemKind.InvalidManifest, $"is not a valid OCI image manifest: {e.Message}");
        }
    }

    private static void Issue(Dictionary<Digest, DoctorBlobIssue> issues, Digest digest, DoctorProblemKind kind, string message, string image)
    {
        if (!issues.TryGetValue(digest, out var issue))
        {
            issue = new DoctorBlobIssue(kind, message);
            issues[digest] = issue;
        }

        issue.Refs.Add(image);
    }
}
