using Ommx.Integration.Registry;

namespace Ommx.Integration.Tool.Commands;

/// <summary>The summary <c>ommx import</c> prints.</summary>
internal static class ImportReport
{
    public static void WriteHuman(CommandConsole console, IReadOnlyList<ImportOutcome> outcomes, bool verbose)
    {
        var imported = outcomes.Where(o => o.Result is { Outcome: not PublishOutcome.Unchanged }).ToList();
        var unchanged = outcomes.Where(o => o.Result is { Outcome: PublishOutcome.Unchanged }).ToList();
        var refused = outcomes.Where(o => o.Error is not null).ToList();
        console.Status("Imported", $"{imported.Count} artifact(s), {imported.Sum(o => o.Result!.BlobCount)} blob(s)", imported.Count > 0 ? StatusTone.Good : StatusTone.Normal);
        foreach (var outcome in verbose ? imported : [])
        {
            console.Detail($"{outcome.Result!.Image}  <-  {outcome.Path}");
        }

        if (unchanged.Count > 0)
        {
            console.Status("Unchanged", $"{unchanged.Count} artifact(s) already in the registry");
            foreach (var outcome in verbose ? unchanged : [])
            {
                console.Detail($"{outcome.Result!.Image}  <-  {outcome.Path}");
            }
        }

        if (refused.Count > 0)
        {
            console.Status("Refused", $"{refused.Count} source(s); nothing was stored for them", StatusTone.Bad);
            foreach (var outcome in refused)
            {
                console.Detail($"{outcome.Path}: {outcome.Error}");
            }
        }
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<ImportOutcome> outcomes) => JsonOutput.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("imported");
        foreach (var outcome in outcomes.Where(o => o.Result is not null))
        {
            var result = outcome.Result!;
            w.WriteStartObject();
            w.WriteString("path", outcome.Path);
            w.WriteString("image_name", result.Image.ToString());
            w.WriteString("manifest_digest", result.Manifest.Digest.ToString());
            w.WriteString("artifact_type", result.ArtifactType);
            w.WriteString("outcome", result.Outcome == PublishOutcome.Unchanged ? "unchanged" : "inserted");
            w.WriteNumber("blobs", result.BlobCount);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("refused");
        foreach (var outcome in outcomes.Where(o => o.Error is not null))
        {
            w.WriteStartObject();
            w.WriteString("path", outcome.Path);
            w.WriteString("error", outcome.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
