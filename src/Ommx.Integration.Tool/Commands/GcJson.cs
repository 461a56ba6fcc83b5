using System.Text.Json;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry.Gc;

namespace Ommx.Integration.Tool.Commands;

/// <summary><c>ommx gc --json</c>: the fields of OMMX's Python <c>GcReport</c>, snake_case, plus our extras.</summary>
internal static class GcJson
{
    public static void Write(TextWriter output, RegistryGcReport report) => JsonOutput.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteString("root", report.Root);
        w.WriteBoolean("delete_applied", report.DeleteApplied);
        w.WriteNumber("grace_period_seconds", (long)Math.Min(report.GracePeriod.TotalSeconds, long.MaxValue));
        w.WriteStartArray("roots");
        foreach (var root in report.Roots)
        {
            w.WriteStartObject();
            w.WriteString("kind", root.Kind switch { GcReferenceKind.RefManifest => "ref", GcReferenceKind.LeasedDigest => "leased_digest", _ => "protected_digest" });
            w.WriteStringOrNull("name", root.Name);
            w.WriteStringOrNull("reference", root.Reference);
            w.WriteStringOrNull("image_name", root.ImageName);
            w.WriteString("digest", root.Digest.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Blobs(w, "reachable_blobs", report.ReachableBlobs);
        Blobs(w, "orphan_candidates", report.OrphanCandidates);
        Blobs(w, "deferred_blobs", report.DeferredBlobs);
        w.WriteStartArray("missing_blobs");
        foreach (var missing in report.MissingBlobs)
        {
            w.WriteStartObject();
            w.WriteString("digest", missing.Digest.ToString());
            w.WriteStringOrNull("referenced_by", missing.ReferencedBy?.ToString());
            w.WriteString("kind", KindText(missing.Kind));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("invalid_manifests");
        foreach (var invalid in report.InvalidManifests)
        {
            w.WriteStartObject();
            w.WriteString("digest", invalid.Digest.ToString());
            w.WriteStringOrNull("referenced_by", invalid.ReferencedBy?.ToString());
            w.WriteString("kind", KindText(invalid.Kind));
            w.WriteString("error", invalid.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Blobs(w, "deleted_blobs", report.DeletedBlobs);
        Blobs(w, "skipped_blobs", report.SkippedBlobs);
        Blobs(w, "held_blobs", report.HeldBlobs);
        w.WriteStartArray("deletion_holds");
        foreach (var hold in report.DeletionHolds)
        {
            w.WriteStartObject();
            w.WriteString("manifest_digest", hold.Subject);
            w.WriteString("reason", hold.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("reachable_size", report.ReachableSize);
        w.WriteNumber("orphan_candidate_size", report.OrphanCandidateSize);
        w.WriteNumber("deferred_size", report.DeferredSize);
        w.WriteNumber("deleted_size", report.DeletedSize);
        w.WriteStrings("stale_temp_files", report.StaleTempFiles);
        w.WriteStrings("removed_temp_files", report.RemovedTempFiles);
        w.WriteStartArray("leases");
        foreach (var lease in report.Leases)
        {
            w.WriteStartObject();
            w.WriteString("id", lease.Id);
            w.WriteString("kind", Registry.Leases.LeaseStore.KindText(lease.Kind));
            w.WriteStringOrNull("subject", lease.Subject);
            w.WriteNumber("pid", lease.ProcessId);
            w.WriteString("host", lease.HostName);
            w.WriteString("heartbeat_at", Registry.RegistryTime.Format(lease.HeartbeatAt));
            w.WriteNumber("digests", lease.DigestCount);
            w.WriteBoolean("expired", lease.IsExpired);
            w.WriteStringOrNull("expiry_reason", lease.IsExpired ? lease.ExpiryReason : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("recovered_writers");
        foreach (var outcome in report.RecoveredWriters)
        {
            w.WriteStartObject();
            w.WriteString("lease_id", outcome.Lease.Id);
            w.WriteString("action", LeaseText.Action(outcome.Action));
            w.WriteString("message", outcome.Message);
            w.WriteStringOrNull("checkpoint", outcome.Checkpoint?.Digest.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Blobs(w, "rescued_blobs", report.RescuedBlobs);
        w.WriteStartArray("problems");
        foreach (var problem in report.Problems)
        {
            w.WriteStartObject();
            w.WriteString("subject", problem.Subject);
            w.WriteString("message", problem.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Python's kind strings: <c>ref_manifest</c>, <c>protected_digest</c>, <c>config</c>, <c>layer</c>, <c>subject</c>.</summary>
    public static string KindText(GcReferenceKind kind) => kind switch
    {
        GcReferenceKind.RefManifest => "ref_manifest",
        GcReferenceKind.ProtectedDigest => "protected_digest",
        GcReferenceKind.Config => "config",
        GcReferenceKind.Layer => "layer",
        GcReferenceKind.Subject => "subject",
        GcReferenceKind.LeasedDigest => "leased_digest",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void Blobs(Utf8JsonWriter w, string name, IReadOnlyList<GcBlob> blobs)
    {
        w.WriteStartArray(name);
        foreach (var blob in blobs)
        {
            w.WriteStartObject();
            w.WriteString("digest", blob.Digest.ToString());
            w.WriteNumber("size", blob.Size);
            if (blob.Modified is { } modified)
            {
                w.WriteNumber("modified_at_unix_seconds", modified.ToUnixTimeMilliseconds() / 1000.0);
            }
            else
            {
                w.WriteNull("modified_at_unix_seconds");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
