using System.Text.Json;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Registry.Listing;

namespace Ommx.Integration.Tool.Commands;

/// <summary>JSON of listed Experiments and checkpoints: the fields of OMMX's <c>ExperimentRef</c>, snake_case.</summary>
internal static class ExperimentJson
{
    /// <summary><c>{"&lt;key&gt;": [records], "warnings": [...]}</c>: the <c>--json</c> shape of both listings.</summary>
    public static void WriteListing(TextWriter output, string key, IReadOnlyList<ExperimentRecord> records, IReadOnlyList<ListingWarning> warnings, bool checkpoint) =>
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(key);
            foreach (var record in records)
            {
                WriteRecord(w, record, checkpoint);
            }

            w.WriteEndArray();
            WriteWarnings(w, warnings);
            w.WriteEndObject();
        });

    public static void WriteRecord(Utf8JsonWriter w, ExperimentRecord record, bool checkpoint)
    {
        w.WriteStartObject();
        if (checkpoint)
        {
            w.WriteString("checkpoint_image_name", record.ImageName);
            w.WriteString("requested_image_name", record.RequestedImage?.ToString());
        }
        else
        {
            w.WriteString("image_name", record.ImageName);
        }

        w.WriteString("manifest_digest", record.ManifestDigest.ToString());
        w.WriteString("config_digest", record.ConfigDigest.ToString());
        w.WriteString("updated_at", record.UpdatedAt);
        w.WriteString("status", StatusText.Of(record.Status));
        w.WriteNumber("run_count", record.RunCount);
        w.WriteNumber("solve_count", record.SolveCount);
        w.WriteNumber("sampling_count", record.SamplingCount);
        w.WriteMap("annotations", record.Annotations.OrderBy(p => p.Key, StringComparer.Ordinal));
        w.WriteEndObject();
    }

    public static void WriteWarnings(Utf8JsonWriter w, IReadOnlyList<ListingWarning> warnings)
    {
        w.WriteStartArray("warnings");
        foreach (var warning in warnings)
        {
            w.WriteStartObject();
            w.WriteString("image_name", warning.ImageName);
            w.WriteString("manifest_digest", warning.ManifestDigest);
            w.WriteString("stage", ListingStages.Text(warning.Stage));
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
