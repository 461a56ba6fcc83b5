using System.Text.Json;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// Decodes and validates an Experiment artifact the way OMMX's loader does (artifact and config media
/// types, config shape, statuses, layer refs in range, blob presence and sizes, solve/sampling rules,
/// run-parameter table). Payload bytes are not parsed.
/// </summary>
internal static class ExperimentArtifactReader
{
    public static LoadedExperiment Read(LocalRegistry registry, StoredManifest stored, IReadOnlyCollection<ExperimentStatus> allowed)
    {
        var manifest = stored.Manifest;
        if (manifest.ArtifactType != MediaTypes.OmmxExperiment)
        {
            throw new ExperimentFormatException($"Experiment artifact type is {manifest.ArtifactType}, expected {MediaTypes.OmmxExperiment}");
        }

        if (manifest.Config.MediaType != MediaTypes.ExperimentConfig)
        {
            throw new ExperimentFormatException($"Experiment config media type is {manifest.Config.MediaType}, expected {MediaTypes.ExperimentConfig}");
        }

        var configBytes = registry.Blobs.Read(manifest.Config);
        var loaded = Parse(configBytes, manifest);
        if (!allowed.Contains(loaded.Status))
        {
            throw new ExperimentFormatException(
                $"Experiment config status is {StatusText.Of(loaded.Status)}, expected {string.Join(" or ", allowed.Select(StatusText.Of))}");
        }

        foreach (var layer in manifest.Layers)
        {
            var size = registry.Blobs.SizeOf(layer.Digest);
            if (size != layer.Size)
            {
                throw new ExperimentFormatException(size is null
                    ? $"Experiment layer blob {layer.Digest} is missing from the Local Registry"
                    : $"Descriptor size mismatch for {layer.Digest}: descriptor={layer.Size}, actual={size}");
            }
        }

        var tableLayer = manifest.Layers[loaded.RunParametersIndex];
        var table = RunParameterTable.Decode(registry.Blobs.Read(tableLayer));
        foreach (var runId in table.RunIds)
        {
            if (!loaded.Content.Runs.TryGetValue(runId, out var run))
            {
                throw new ExperimentFormatException($"Run-parameter table references Run {runId}, but Experiment config does not contain it");
            }

            foreach (var (name, value) in table.ForRun(runId))
            {
                run.Parameters[name] = value;
            }
        }

        foreach (var run in loaded.Content.Runs.Values)
        {
            CheckDiagnostics(registry, run);
        }

        return loaded with { ConfigBytes = configBytes, Manifest = stored };
    }

    /// <summary>Validates the config against the manifest's layers; no blob access.</summary>
    public static LoadedExperiment Parse(byte[] configBytes, ImageManifest manifest)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(configBytes);
        }
        catch (JsonException e)
        {
            throw new ExperimentFormatException($"Experiment config is not valid JSON: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ExperimentFormatException("Experiment config is not a JSON object");
            }

            var layers = manifest.Layers;
            var status = StatusText.ParseExperiment(RequiredString(root, "status", "Experiment config"));
            var reason = Outcome(root, status is ExperimentStatus.Finished or ExperimentStatus.Draft, $"Experiment status {StatusText.Of(status)}");
            ImageReference? requested = null;
            if (root.TryGetProperty("requested_image_name", out var requestedElement) && requestedElement.ValueKind == JsonValueKind.String)
            {
                requested = ImageReference.Parse(requestedElement.GetString()!);
            }

            var content = new ExperimentContent();
            ReadAttachments(Required(root, "attachments", "Experiment config"), layers, "experiment attachment", content.Attachments);
            foreach (var runElement in Required(root, "runs", "Experiment config").EnumerateArray())
            {
                var run = ReadRun(runElement, layers);
                if (!content.Runs.TryAdd(run.Id, run))
                {
                    throw new ExperimentFormatException($"Experiment config contains Run {run.Id} more than once");
                }
            }

            var runParameters = LayerIndex(Required(root, "run_parameters", "Experiment config"), layers, "run-parameter table");
            if (layers[runParameters].MediaType != MediaTypes.RunParameters)
            {
                throw new ExperimentFormatException($"Run-parameter table layer has media type {layers[runParameters].MediaType}, expected {MediaTypes.RunParameters}");
            }

            content.Annotations.Clear();
            foreach (var (k, v) in manifest.Annotations ?? new Dictionary<string, string>())
            {
                content.Annotations[k] = v;
            }

            content.Subject = manifest.Subject;
            return new LoadedExperiment(content, status, reason, requested, runParameters);
        }
    }

    private static RunRecord ReadRun(JsonElement element, IReadOnlyList<Descriptor> layers)
    {
        var idElement = Required(element, "run_id", "Experiment config run");
        if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetUInt64(out var id))
        {
            throw new ExperimentFormatException("Experiment config run_id must be an unsigned integer");
        }

        var status = element.TryGetProperty("status", out var s) ? StatusText.ParseRun(s.GetString() ?? string.Empty, "Run") : RunStatus.Finished;
        var run = new RunRecord
        {
            Id = id,
            Status = status,
            Reason = Outcome(element, status == RunStatus.Finished, "finished Run"),
        };
        ReadAttachments(Required(element, "attachments", $"Run {id}"), layers, $"run {id} attachment", run.Attachments);
        if (element.TryGetProperty("trace", out var trace) && trace.ValueKind != JsonValueKind.Null)
        {
            run.Trace = layers[LayerIndex(trace, layers, $"run {id} trace")];
            if (run.Trace.MediaType != MediaTypes.Trace)
            {
                throw new ExperimentFormatException($"Run {id} trace has media type {run.Trace.MediaType}, expected {MediaTypes.Trace}");
            }
        }

        run.Solves.AddRange(ReadSolves(element, "solves", "solve_id", "Solve", id, layers, IsSolution, "an OMMX Solution payload"));
        run.Samplings.AddRange(ReadSolves(element, "samplings", "sampling_id", "Sampling", id, layers, IsSampleSet, "an OMMX SampleSet payload"));
        return run;
    }

    /// <summary>OMMX parses every diagnostics layer at load: exact media type, exactly one MessagePack array.</summary>
    private static void CheckDiagnostics(LocalRegistry registry, RunRecord run)
    {
        foreach (var (records, what) in new[] { (run.Solves, "Solve"), (run.Samplings, "Sampling") })
        {
            foreach (var record in records)
            {
                if (record.Diagnostics is not { } diagnostics)
                {
                    continue;
                }

                var label = $"Run {run.Id} {what} {record.Id}";
                if (diagnostics.MediaType != MediaTypes.Diagnostics)
                {
                    throw new ExperimentFormatException($"{label} diagnostics has media type {diagnostics.MediaType}, expected {MediaTypes.Diagnostics}");
                }

                try
                {
                    SolveDiagnostics.Decode(registry.Blobs.Read(diagnostics), "Adapter");
                }
                catch (ExperimentFormatException e)
                {
                    throw new ExperimentFormatException($"Invalid {label} diagnostic payload: {e.Message}", e);
                }
            }
        }
    }

    private static IEnumerable<SolveRecord> ReadSolves(
        JsonElement run, string key, string idKey, string what, ulong runId, IReadOnlyList<Descriptor> layers, Func<string, bool> outputType, string outputWhat)
    {
        if (!run.TryGetProperty(key, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var records = new SortedDictionary<ulong, SolveRecord>();
        foreach (var e in array.EnumerateArray())
        {
            var id = Required(e, idKey, what).GetUInt64();
            var label = $"Run {runId} {what} {id}";
            var status = e.TryGetProperty("status", out var s) ? StatusText.ParseRun(s.GetString() ?? string.Empty, what) : RunStatus.Finished;
            var input = layers[LayerIndex(Required(e, "input", label), layers, $"{label} input")];
            if (!IsInstance(input.MediaType))
            {
                throw new ExperimentFormatException($"{label} input has media type {input.MediaType}; expected an OMMX Instance payload");
            }

            Descriptor? output = null;
            if (e.TryGetProperty("output", out var o) && o.ValueKind != JsonValueKind.Null)
            {
                output = layers[LayerIndex(o, layers, $"{label} output")];
            }

            if (status == RunStatus.Finished && output is null)
            {
                throw new ExperimentFormatException($"{label} is finished but has no output");
            }

            if (status != RunStatus.Finished && output is not null)
            {
                throw new ExperimentFormatException($"{label} has status {StatusText.Of(status)} but has an output");
            }

            if (output is not null && !outputType(output.MediaType))
            {
                throw new ExperimentFormatException($"{label} output has media type {output.MediaType}; expected {outputWhat}");
            }

            Descriptor? diagnostics = null;
            if (e.TryGetProperty("diagnostics", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                diagnostics = layers[LayerIndex(d, layers, $"{label} diagnostics")];
            }

            var options = e.TryGetProperty("adapter_options", out var ao) && ao.ValueKind == JsonValueKind.String ? ao.GetString()! : "{}";
            if (!records.TryAdd(id, new SolveRecord(id, status, input, output, RequiredString(e, "adapter", label), options) { Diagnostics = diagnostics }))
            {
                throw new ExperimentFormatException($"Run {runId} already contains {what} {id}");
            }
        }

        return records.Values;
    }

    private static void ReadAttachments(JsonElement table, IReadOnlyList<Descriptor> layers, string what, SortedDictionary<string, Attachment> into)
    {
        var entries = Required(table, "entries", what + " table");
        var filenames = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.TryGetProperty("filenames", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in f.EnumerateObject())
            {
                filenames[p.Name] = p.Value.GetString() ?? string.Empty;
            }
        }

        foreach (var p in entries.EnumerateObject())
        {
            var index = LayerIndex(p.Value, layers, $"{what} `{p.Name}`");
            var attachment = new Attachment(layers[index], filenames.GetValueOrDefault(p.Name));
            if (attachment.Stored.Annotations?.TryGetValue(Attachment.CompressionAnnotation, out var marker) == true
                && (marker != "zstd" || !attachment.Stored.MediaType.EndsWith("+zstd", StringComparison.Ordinal) || attachment.Stored.MediaType.Length == 5))
            {
                throw new ExperimentFormatException(marker != "zstd"
                    ? $"Invalid {what} `{p.Name}` storage format: Unsupported Attachment compression `{marker}` in annotation `{Attachment.CompressionAnnotation}`"
                    : $"Invalid {what} `{p.Name}` storage format: a zstd attachment must have a media type ending in `+zstd`");
            }

            into[p.Name] = attachment;
        }

        foreach (var (name, filename) in filenames)
        {
            if (!into.ContainsKey(name))
            {
                throw new ExperimentFormatException($"Attachment filename table references missing attachment `{name}`");
            }

            AttachmentNames.CheckFilename(filename);
        }
    }

    private static string? Outcome(JsonElement element, bool forbidden, string what)
    {
        if (!element.TryGetProperty("outcome", out var outcome) || outcome.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (forbidden)
        {
            throw new ExperimentFormatException($"{what} cannot have a lifecycle outcome");
        }

        return outcome.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
    }

    private static int LayerIndex(JsonElement element, IReadOnlyList<Descriptor> layers, string what)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetUInt32(out var index))
        {
            throw new ExperimentFormatException($"Failed to resolve {what}: LayerRef must be an unsigned integer");
        }

        if (index >= layers.Count)
        {
            throw new ExperimentFormatException($"Failed to resolve {what} LayerRef {index}: LayerRef {index} is out of bounds for {layers.Count} manifest layer(s)");
        }

        return (int)index;
    }

    private static JsonElement Required(JsonElement element, string name, string what) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new ExperimentFormatException($"{what} is missing `{name}`");

    private static string RequiredString(JsonElement element, string name, string what)
    {
        var value = Required(element, name, what);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new ExperimentFormatException($"{what} `{name}` must be a string");
    }

    internal static bool IsInstance(string mediaType) => PayloadLayer.IsInstance(mediaType);

    private static bool IsSolution(string mediaType) => PayloadLayer.IsSolution(mediaType);

    private static bool IsSampleSet(string mediaType) => PayloadLayer.IsSampleSet(mediaType);
}
