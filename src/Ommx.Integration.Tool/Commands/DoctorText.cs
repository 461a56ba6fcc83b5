using Ommx.Integration.Doctor;

namespace Ommx.Integration.Tool.Commands;

/// <summary>What <c>ommx doctor</c> prints for a <see cref="DoctorReport"/>.</summary>
internal static class DoctorText
{
    public static void WriteHuman(CommandConsole console, DoctorReport report)
    {
        console.Status("Registry", report.Root);
        console.Status("Index", "integrity_check " + (report.IndexIntact ? "ok" : "failed"), report.IndexIntact ? StatusTone.Normal : StatusTone.Bad);
        var hashing = report.Quick ? "not re-hashed (--quick)" : $"{report.Rehashed} re-hashed";
        console.Status("Blobs", $"{report.BlobCount} blob(s), {Registry.ByteSize.Format(report.BlobBytes)}, {hashing}");
        console.Status("Refs", $"{report.RefCount} ref(s), closures checked");
        console.Status("Caches", $"{report.ListedArtifacts} listed artifact(s) checked against their manifests");
        console.Status("Drafts", $"{report.DraftCheckpoints} draft checkpoint(s) checked");
        console.Status("Leases", $"{report.LiveLeases} live writer lease(s), {report.ExpiredLeases} expired");
        console.Status("Sessions", $"{report.UnfinishedSessions} unfinished test session(s)");
        foreach (var problem in report.Problems)
        {
            if (problem.Fixed)
            {
                console.Status("Fixed", $"{Describe(problem.Kind)}: {problem.Subject}" + (problem.FixNote is null ? string.Empty : $": {problem.FixNote}"), StatusTone.Good);
                continue;
            }

            console.Status(Label(problem.Kind), $"{problem.Subject}: {problem.Message}", problem.Fixable ? StatusTone.Warning : StatusTone.Bad);
            foreach (var image in problem.Refs)
            {
                console.Detail("ref " + image);
            }

            if (problem.FixError is not null)
            {
                console.Detail("fix failed: " + problem.FixError);
            }

            if (problem.Hint is not null)
            {
                console.Detail("hint: " + problem.Hint);
            }
        }

        var fixedCount = report.Problems.Count(p => p.Fixed);
        var remaining = report.Problems.Where(p => !p.Fixed).ToList();
        if (remaining.Count == 0)
        {
            console.Status("Healthy", fixedCount == 0 ? "no problems found" : $"{fixedCount} problem(s) fixed; no problems remain", StatusTone.Good);
            return;
        }

        var fixable = remaining.Count(p => p.Fixable);
        var advice = !report.FixRequested && fixable > 0
            ? $"; pass --fix to repair {fixable} of them"
            : "; they need manual repair (see the hints above)";
        console.Status("Problems", $"{remaining.Count} problem(s) remain{advice}", StatusTone.Bad);
    }

    public static void WriteJson(TextWriter output, DoctorReport report) => JsonOutput.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteString("root", report.Root);
        w.WriteBoolean("healthy", report.Healthy);
        w.WriteBoolean("quick", report.Quick);
        w.WriteBoolean("fix_applied", report.FixRequested);
        w.WriteStartObject("checked");
        w.WriteNumber("blobs", report.BlobCount);
        w.WriteNumber("blob_bytes", report.BlobBytes);
        w.WriteNumber("rehashed", report.Rehashed);
        w.WriteNumber("refs", report.RefCount);
        w.WriteNumber("listed_artifacts", report.ListedArtifacts);
        w.WriteNumber("draft_checkpoints", report.DraftCheckpoints);
        w.WriteNumber("live_leases", report.LiveLeases);
        w.WriteNumber("expired_leases", report.ExpiredLeases);
        w.WriteNumber("unfinished_sessions", report.UnfinishedSessions);
        w.WriteEndObject();
        w.WriteStrings("integrity_check", report.IntegrityCheck);
        w.WriteStartArray("problems");
        foreach (var problem in report.Problems)
        {
            w.WriteStartObject();
            w.WriteString("kind", KindText(problem.Kind));
            w.WriteString("subject", problem.Subject);
            w.WriteString("message", problem.Message);
            w.WriteStrings("refs", problem.Refs);
            w.WriteBoolean("fixable", problem.Fixable);
            w.WriteBoolean("fixed", problem.Fixed);
            w.WriteStringOrNull("fix_note", problem.FixNote);
            w.WriteStringOrNull("fix_error", problem.FixError);
            w.WriteStringOrNull("hint", problem.Hint);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static string KindText(DoctorProblemKind kind) => kind switch
    {
        DoctorProblemKind.CorruptBlob => "corrupt_blob",
        DoctorProblemKind.MissingBlob => "missing_blob",
        DoctorProblemKind.SizeMismatch => "size_mismatch",
        DoctorProblemKind.InvalidManifest => "invalid_manifest",
        DoctorProblemKind.InvalidRef => "invalid_ref",
        DoctorProblemKind.IndexIntegrity => "index_integrity",
        DoctorProblemKind.Cache => "cache",
        DoctorProblemKind.StaleTempFile => "stale_temp_file",
        DoctorProblemKind.StaleDraft => "stale_draft",
        DoctorProblemKind.MisnamedBlob => "misnamed_blob",
        DoctorProblemKind.ExpiredLease => "expired_lease",
        DoctorProblemKind.NotALocalRegistry => "not_a_local_registry",
        DoctorProblemKind.UnfinishedSession => "unfinished_session",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Describe(DoctorProblemKind kind) => KindText(kind).Replace('_', ' ');

    private static string Label(DoctorProblemKind kind) => kind switch
    {
        DoctorProblemKind.CorruptBlob => "Corrupt",
        DoctorProblemKind.MissingBlob => "Missing",
        DoctorProblemKind.SizeMismatch => "Size",
        DoctorProblemKind.InvalidManifest => "Invalid",
        DoctorProblemKind.InvalidRef => "Bad Ref",
        DoctorProblemKind.IndexIntegrity => "Index",
        DoctorProblemKind.Cache => "Cache",
        DoctorProblemKind.StaleTempFile => "Temp File",
        DoctorProblemKind.StaleDraft => "Stale Draft",
        DoctorProblemKind.MisnamedBlob => "Misnamed",
        DoctorProblemKind.ExpiredLease => "Lease",
        DoctorProblemKind.NotALocalRegistry => "Not A Registry",
        DoctorProblemKind.UnfinishedSession => "Session",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
