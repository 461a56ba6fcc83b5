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
        RequireExperimentTypes(manifest);
        var configBytes = registry.Blobs.Read(manifest.Config);
        var loaded = Check(manifest, configBytes, layer => registry.Blobs.SizeOf(layer.Digest), registry.Blobs.Read);
        if (!allowed.Contains(loaded.Status))
        {
            throw new ExperimentFormatException(
                $"Experiment config status is {StatusText.Of(loaded.Status)}, expected {string.Join(" or ", allowed.Select(StatusText.Of))}");
        }

        return loaded with { ConfigBytes = configBytes, Manifest = stored };
    }

    /// <summary>
    /// Everything <see cref="Read"/> checks except the allowed statuses, over blobs that need not be in a
    /// Local Registry yet: import and pull call it on what they staged, so that what they accept loads.
    /// </summary>
    /// <param name="manifest">The Experiment manifest.</param>
    /// <param name="configBytes">The config blob's bytes.</param>
    /// <param name="sizeOf">A layer blob's size, or <c>null</c> when it is missing.</param>
    /// <param name="read">A layer blob's bytes (only the run-parameter table and diagnostics are read).</param>
    /// <exception cref="ExperimentFormatException">The artifact would not load; the message says why.</exception>
    public static LoadedExperiment Check(ImageManifest manifest, byte[] configBytes, Func<Descriptor, long?> sizeOf, Func<Descriptor, byte[]> read)
    {
        RequireExperimentTypes(manifest);
        var loaded = Parse(configBytes, manifest);
        foreach (var layer in manifest.Layers)
        {
            var size = sizeOf(layer);
            if (size != layer.Size)
            {
                throw new ExperimentFormatException(size is null
                    ? $"Experiment layer blob {layer.Digest} is missing from the Local Registry"
                    : $"Descriptor size mismatch for {layer.Digest}: descriptor={layer.Size}, actual={size}");
            }
        }

        var tableLayer = manifest.Layers[loaded.RunParametersIndex];
        RunParameterTable table;
        try
        {
            table = RunParameterTable.Decode(read(tableLayer));
        }
        catch (RunParameterFormatException e)
        {
            throw new ExperimentFormatException($"Run-parameter table layer {tableLayer.Digest}: {e.Message}", e);
        }

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
            CheckDiagnostics(read, run);
        }

        return loaded with { ConfigBytes = configBytes };
    }

    private static void RequireExperimentTypes(ImageManifest manifest)
    {
        if (manifest.ArtifactType != MediaTypes.OmmxExperiment)
        {
            throw new ExperimentFormatException($"Experiment artifact type is {manifest.ArtifactType}, expected {MediaTypes.OmmxExperiment}");
        }

        if (manifest.Config.MediaType != MediaTypes.ExperimentConfig)
        {
            throw new ExperimentFormatException($"Experiment config media type is {manifest.Config.MediaType}, expected {MediaTypes.ExperimentConfig}");
        }
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

            if (OciJson.UndecodableString(root) is { } undecodable)
            {
                throw new ExperimentFormatException(
                    $"Experiment config holds a string that is not valid Unicode at {undecodable} (invalid UTF-8 bytes or a lone surrogate escape)");
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
            foreach (var runElement in RequiredArray(root, "runs", "Experiment config"))
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

        var status = OptionalString(element, "status", $"Run {id}") is { } s ? StatusText.ParseRun(s, "Run") : RunStatus.Finished;
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
    private static void CheckDiagnostics(Func<Descriptor, byte[]> read, RunRecord run)
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
                    SolveDiagnostics.Decode(read(diagnostics), "Adapter");
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

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new ExperimentFormatException($"Run {runId} `{key}` must be an array");
        }

        var records = new SortedDictionary<ulong, SolveRecord>();
        foreach (var e in array.EnumerateArray())
        {
            var idElement = Required(e, idKey, $"Run {runId} {what}");
            if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetUInt64(out var id))
            {
                throw new ExperimentFormatException($"Run {runId} {what} `{idKey}` must be an unsigned integer");
            }

            var label = $"Run {runId} {what} {id}";
            var status = OptionalString(e, "status", label) is { } s ? StatusText.ParseRun(s, what) : RunStatus.Finished;
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
        if (entries.ValueKind != JsonValueKind.Object)
        {
            throw new ExperimentFormatException($"{what} table `entries` must be an object");
        }

        var filenames = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.TryGetProperty("filenames", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in f.EnumerateObject())
            {
                filenames[p.Name] = p.Value.ValueKind == JsonValueKind.String
                    ? p.Value.GetString()!
                    : throw new ExperimentFormatException($"{what} filename of `{p.Name}` must be a string");
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

        if (outcome.ValueKind != JsonValueKind.Object)
        {
            throw new ExperimentFormatException($"{what} `outcome` must be an object");
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

    private static JsonElement.ArrayEnumerator RequiredArray(JsonElement element, string name, string what)
    {
        var value = Required(element, name, what);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new ExperimentFormatException($"{what} `{name}` must be an array");
    }

    /// <summary>The string at <paramref name="name"/>, <c>null</c> when absent; anything but a string is refused.</summary>
    private static string? OptionalString(JsonElement element, string name, string what) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()!
        : throw new ExperimentFormatException($"{what} `{name}` must be a string");

    private static string RequiredString(JsonElement element, string name, string what)
    {
        var value = Required(element, name, what);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new ExperimentFormatException($"{what} `{name}` must be a string");
    }

    internal static bool IsInstance(string mediaType) => PayloadLayer.IsInstance(mediaType);

    private static bool IsSolution(string mediaType) => PayloadLayer.IsSolution(mediaType);

    private static bool IsSampleSet(string mediaType) => PayloadLayer.IsSampleSet(mediaType);
}
