using System.Text.Json;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Inspection;

namespace Ommx.Integration.Tool.Commands;

internal sealed partial class InspectCommand
{
    private void WriteJson(ArtifactView view, RunRecord? selectedRun) => JsonOutput.Write(console.Out, w =>
    {
        w.WriteStartObject();
        w.WriteString("image_name", view.Image.ToString());
        w.WriteString("manifest_digest", view.Stored.Digest.ToString());
        w.WriteStringOrNull("artifact_type", view.Stored.Manifest.ArtifactType);
        w.WriteString("updated_at", view.Row.UpdatedAt);
        w.WritePropertyName("manifest");
        using (var manifest = JsonDocument.Parse(view.Stored.Bytes))
        {
            manifest.WriteTo(w);
        }

        if (view.Experiment is not { } experiment)
        {
            w.WriteNull("experiment");
            w.WriteEndObject();
            return;
        }

        w.WriteStartObject("experiment");
        w.WriteString("status", StatusText.Of(experiment.Status));
        w.WriteStringOrNull("reason", experiment.Reason);
        w.WriteStringOrNull("requested_image_name", experiment.RequestedName?.ToString());
        w.WriteMap("annotations", experiment.Content.Annotations);
        WriteAttachmentsJson(w, experiment.Content.Attachments);
        w.WriteStartArray("runs");
        foreach (var run in selectedRun is { } one ? [one] : experiment.Content.Runs.Values.ToList())
        {
            WriteRunJson(w, view, run);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteRunJson(Utf8JsonWriter w, ArtifactView view, RunRecord run)
    {
        w.WriteStartObject();
        w.WriteNumber("id", run.Id);
        w.WriteString("status", StatusText.Of(run.Status));
        w.WriteStringOrNull("reason", run.Reason);
        w.WriteStartObject("parameters");
        foreach (var (name, value) in run.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            WriteParameter(w, name, value);
        }

        w.WriteEndObject();
        WriteAttachmentsJson(w, run.Attachments);
        WriteSolvesJson(w, "solves", run.Solves, view);
        WriteSolvesJson(w, "samplings", run.Samplings, null);
        w.WriteEndObject();
    }

    private static void WriteSolvesJson(Utf8JsonWriter w, string name, IReadOnlyList<SolveRecord> solves, ArtifactView? view)
    {
        w.WriteStartArray(name);
        foreach (var solve in solves)
        {
            w.WriteStartObject();
            w.WriteNumber("id", solve.Id);
            w.WriteString("status", StatusText.Of(solve.Status));
            w.WriteString("adapter", solve.Adapter);
            w.WriteString("adapter_options", solve.AdapterOptions);
            w.WriteString("input_digest", solve.Input.Digest.ToString());
            w.WriteStringOrNull("output_digest", solve.Output?.Digest.ToString());
            if (view is not null)
            {
                var summary = view.Summarize(solve);
                if (summary is null)
                {
                    w.WriteNull("objective");
                    w.WriteNull("feasible");
                    w.WriteNull("feasible_relaxed");
                }
                else
                {
                    WriteDouble(w, "objective", summary.Objective);
                    w.WriteBoolean("feasible", summary.Feasible);
                    if (summary.FeasibleRelaxed is { } relaxed)
                    {
                        w.WriteBoolean("feasible_relaxed", relaxed);
                    }
                    else
                    {
                        w.WriteNull("feasible_relaxed");
                    }
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteAttachmentsJson(Utf8JsonWriter w, IReadOnlyDictionary<string, Attachment> attachments)
    {
        w.WriteStartArray("attachments");
        foreach (var (name, attachment) in attachments.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("media_type", attachment.MediaType);
            w.WriteNumber("size", attachment.Stored.Size);
            w.WriteString("digest", attachment.Stored.Digest.ToString());
            w.WriteStringOrNull("filename", attachment.Filename);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteParameter(Utf8JsonWriter w, string name, RunParameterValue value)
    {
        switch (value.Kind)
        {
            case RunParameterKind.Bool:
                w.WriteBoolean(name, value.AsBool());
                break;
            case RunParameterKind.Int64:
                w.WriteNumber(name, value.AsInt64());
                break;
            case RunParameterKind.Float64:
                WriteDouble(w, name, value.AsDouble());
                break;
            default:
                w.WriteString(name, value.AsString());
                break;
        }
    }

    /// <summary>Finite doubles as numbers; NaN and infinities as the strings <c>NaN</c>, <c>inf</c>, <c>-inf</c>.</summary>
    private static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "inf" : "-inf");
        }
    }
}
