using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Leases;

namespace Ommx.Integration.Experiments.Format;

/// <summary>
/// Seals Experiment content into an OMMX Experiment artifact in OMMX's order: the run-parameter layer
/// blob, then the config JSON (struct key order, layer refs by index in the §1.5 order), then the
/// canonical manifest. Payload blobs are already in the store.
/// </summary>
internal static class ExperimentArtifactWriter
{
    /// <remarks>
    /// The three new blobs (table, config, manifest) are hashed first and registered in <paramref name="lease"/>
    /// in one transaction, before any of them is written: one lease commit per seal, not three.
    /// </remarks>
    public static (StoredManifest Manifest, byte[] Config) Seal(
        LocalRegistry registry, WriterLease? lease, ExperimentContent content, ExperimentStatus status, string? reason, ImageReference? requestedName)
    {
        var (layers, configBytes, tableBytes) = Compose(content, status, reason, requestedName);
        layers.Add(TableDescriptor(tableBytes));
        var configDigest = Digest.Compute(configBytes);
        var manifest = new ImageManifest(MediaTypes.OmmxExperiment, new Descriptor(MediaTypes.ExperimentConfig, configDigest, configBytes.Length), layers)
        {
            Subject = content.Subject is { } s ? new Descriptor(MediaTypes.ImageManifest, s.Digest, s.Size) : null,
            Annotations = content.Annotations.Count > 0 ? content.Annotations : null,
        };
        var manifestBytes = manifest.ToCanonicalJson();
        lease?.Register([layers[^1].Digest, configDigest, Digest.Compute(manifestBytes)]);
        registry.Blobs.Put(tableBytes, lease);
        registry.Blobs.Put(configBytes, lease);
        return (new StoredManifest(registry.Blobs.Put(manifestBytes, lease), manifestBytes, manifest), configBytes);
    }

    /// <summary>
    /// The payload layers, config JSON and run-parameter table bytes for some content (nothing stored). The
    /// config's <c>run_parameters</c> points one past the returned layers, where the table layer goes.
    /// </summary>
    public static (List<Descriptor> Layers, byte[] Config, byte[] Table) Compose(
        ExperimentContent content, ExperimentStatus status, string? reason, ImageReference? requestedName)
    {
        var table = RunParameterTable.FromRuns(content.Runs.Values.Select(r => (r.Id, (IReadOnlyDictionary<string, RunParameterValue>)r.Parameters)));
        var tableBytes = table.Encode();

        var layers = new List<Descriptor>();
        int Add(Descriptor d)
        {
            layers.Add(d);
            return layers.Count - 1;
        }

        var config = new JsonObjectBuilder().Add("status", StatusText.Of(status));
        if (status is ExperimentStatus.Failed or ExperimentStatus.Interrupted && reason is not null)
        {
            config.Add("outcome", new JsonObjectBuilder().Add("reason", reason));
        }

        if (requestedName is not null)
        {
            config.Add("requested_image_name", requestedName.ToString());
        }

        config.Add("attachments", AttachmentTable(content.Attachments, Add));
        var runs = new List<JsonObjectBuilder>();
        foreach (var run in content.Runs.Values)
        {
            var runJson = new JsonObjectBuilder().Add("run_id", run.Id).Add("status", StatusText.Of(run.Status));
            if (run.Status != RunStatus.Finished && run.Reason is not null)
            {
                runJson.Add("outcome", new JsonObjectBuilder().Add("reason", run.Reason));
            }

            runJson.Add("attachments", AttachmentTable(run.Attachments, Add));
            if (run.Trace is { } trace)
            {
                runJson.Add("trace", Add(trace));
            }

            runJson.Add("solves", run.Solves.OrderBy(s => s.Id).Select(s => SolveJson(s, "solve_id", Add)).ToList());
            runJson.Add("samplings", run.Samplings.OrderBy(s => s.Id).Select(s => SolveJson(s, "sampling_id", Add)).ToList());
            runs.Add(runJson);
        }

        config.Add("runs", runs);
        config.Add("run_parameters", layers.Count);
        return (layers, CompactJson.Serialize(config, sortKeys: false), tableBytes);
    }

    public static Descriptor TableDescriptor(byte[] tableBytes) =>
        new(MediaTypes.RunParameters, Digest.Compute(tableBytes), tableBytes.Length) { Annotations = new Dictionary<string, string>() };

    private static JsonObjectBuilder AttachmentTable(SortedDictionary<string, Attachment> attachments, Func<Descriptor, int> add)
    {
        var entries = new JsonObjectBuilder();
        var filenames = new JsonObjectBuilder();
        foreach (var (name, attachment) in attachments.OrderBy(p => p.Key, Utf8OrdinalComparer.Instance))
        {
            entries.Add(name, add(WithAnnotations(attachment.Stored)));
            if (attachment.Filename is not null)
            {
                filenames.Add(name, attachment.Filename);
            }
        }

        var table = new JsonObjectBuilder().Add("entries", entries);
        if (filenames.Count > 0)
        {
            table.Add("filenames", filenames);
        }

        return table;
    }

    private static JsonObjectBuilder SolveJson(SolveRecord solve, string idKey, Func<Descriptor, int> add)
    {
        var json = new JsonObjectBuilder().Add(idKey, solve.Id).Add("status", StatusText.Of(solve.Status)).Add("input", add(WithAnnotations(solve.Input)));
        if (solve.Output is { } output)
        {
            json.Add("output", add(WithAnnotations(output)));
        }

        json.Add("adapter", solve.Adapter).Add("adapter_options", solve.AdapterOptions);
        if (solve.Diagnostics is { } diagnostics)
        {
            json.Add("diagnostics", add(WithAnnotations(diagnostics)));
        }

        return json;
    }

    /// <summary>Every layer descriptor carries an annotations object, possibly empty.</summary>
    private static Descriptor WithAnnotations(Descriptor d) =>
        d.Annotations is null ? d with { Annotations = new Dictionary<string, string>() } : d;
}
