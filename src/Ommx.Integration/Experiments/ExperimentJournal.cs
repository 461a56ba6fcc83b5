using System.Security.Cryptography;
using System.Text;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments;

/// <summary>
/// Makes every Run close durable at a cost independent of how many Runs came before. Each record is a
/// small generic OMMX artifact whose config is a one-Run Experiment config (the Run, plus experiment
/// attachments logged since the last record), whose layers are that Run's payloads and parameter table,
/// and whose <c>subject</c> is the previous record — or, for the first record, the draft checkpoint the
/// journal continues from. The head is the internal ref <c>&lt;id8&gt;.ommx.local/journal:&lt;sha256 of the
/// requested name&gt;</c>, so OMMX's GC (ours and Python's) keeps the whole chain. Writing an OMMX draft
/// checkpoint compacts the journal: the ref is dropped and the next record starts a new chain on top
/// of that draft.
/// </summary>
internal sealed class ExperimentJournal
{
    public const string Repository = "journal";
    public const string MarkerAnnotation = "io.github.ommx-integration.journal";
    public const string ConfigAnnotation = "io.github.ommx-integration.journal.config";
    public const string ParametersAnnotation = "io.github.ommx-integration.journal.parameters";
    public const string OpenRunsAnnotation = "io.github.ommx-integration.journal.open-runs";
    private readonly LocalRegistry registry;
    private Descriptor? head;

    public ExperimentJournal(LocalRegistry registry, ImageReference requested)
    {
        this.registry = registry;
        Requested = requested;
    }

    public ImageReference Requested { get; private set; }

    /// <summary>What the next record chains onto when the journal is empty (a draft checkpoint).</summary>
    public Descriptor? Base { get; set; }

    /// <summary>Continues an existing chain (after a restore).</summary>
    public void Continue(Descriptor existingHead, Descriptor? existingBase)
    {
        head = existingHead;
        Base = existingBase;
    }

    public static string RepositoryKey(string registryId) => ImageNames.RegistryHost(registryId) + "/" + Repository;

    public static ImageReference RefFor(string registryId, ImageReference requested) =>
        ImageReference.Parse($"{RepositoryKey(registryId)}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested.ToString())))}");

    private ImageReference Ref => RefFor(registry.RegistryId, Requested);

    public void Append(ExperimentContent delta, IReadOnlyList<OpenRunInfo>? openRuns = null)
    {
        var (layers, config, table) = ExperimentArtifactWriter.Compose(delta, ExperimentStatus.Draft, null, Requested);
        if (head is null)
        {
            // Once per chain: from then on the journal ref keeps the empty config alive.
            registry.Blobs.Put(MediaTypes.EmptyJsonBytes);
        }

        var previous = head ?? Base;
        var annotations = new Dictionary<string, string>(delta.Annotations)
        {
            [MarkerAnnotation] = Requested.ToString(),
            [ConfigAnnotation] = System.Text.Encoding.UTF8.GetString(config),
            [ParametersAnnotation] = Convert.ToBase64String(table),
        };
        if (openRuns is { Count: > 0 })
        {
            annotations[OpenRunsAnnotation] = OpenRunInfo.ToJson(openRuns);
        }

        var manifest = new ImageManifest(MediaTypes.OmmxArtifact, new Descriptor(MediaTypes.EmptyJson, MediaTypes.EmptyJsonDigest, 2), layers)
        {
            Subject = previous is null ? null : new Descriptor(MediaTypes.ImageManifest, previous.Digest, previous.Size),
            Annotations = annotations,
        };
        var bytes = manifest.ToCanonicalJson();
        var digest = registry.Blobs.Put(bytes, syncToDisk: false);
        registry.Replace(Ref, digest, bytes, manifest, syncToDisk: false);
        head = new Descriptor(MediaTypes.ImageManifest, digest, bytes.Length);
    }

    /// <summary>Drops the chain (after a checkpoint or commit made it redundant).</summary>
    public void Reset(Descriptor? newBase)
    {
        registry.Remove(Ref);
        head = null;
        Base = newBase;
    }

    public void Rename(ImageReference newRequested)
    {
        var old = Ref;
        Requested = newRequested;
        if (head is not null)
        {
            registry.Replace(Ref, head.Digest);
            registry.Remove(old);
        }
    }

    /// <summary>
    /// Rebuilds the content a journal holds: its base checkpoint (if any) plus every record in order.
    /// Returns <c>null</c> when no journal exists for <paramref name="requested"/>.
    /// </summary>
    public static (ExperimentContent Content, Descriptor Head, Descriptor? Base, IReadOnlyList<OpenRunInfo> OpenRuns)? Replay(LocalRegistry registry, ImageReference requested)
    {
        var headDigest = registry.Resolve(RefFor(registry.RegistryId, requested));
        if (headDigest is null)
        {
            return null;
        }

        var records = new List<StoredManifest>();
        Descriptor? baseDescriptor = null;
        var next = (Digest?)headDigest;
        while (next is { } digest)
        {
            var stored = registry.ReadManifest(digest);
            if (stored.Manifest.Annotations?.ContainsKey(MarkerAnnotation) != true)
            {
                baseDescriptor = stored.Descriptor;
                break;
            }

            records.Add(stored);
            next = stored.Manifest.Subject?.Digest;
        }

        var content = baseDescriptor is null
            ? new ExperimentContent()
            : ExperimentArtifactReader.Read(registry, registry.ReadManifest(baseDescriptor.Digest), [ExperimentStatus.Draft, ExperimentStatus.Failed, ExperimentStatus.Interrupted]).Content;
        for (var i = records.Count - 1; i >= 0; i--)
        {
            var delta = ReadRecord(records[i].Manifest);
            foreach (var (name, attachment) in delta.Attachments)
            {
                content.Attachments[name] = attachment;
            }

            foreach (var (id, run) in delta.Runs)
            {
                content.Runs[id] = run;
            }

            content.Annotations.Clear();
            foreach (var (k, v) in delta.Annotations.Where(a => !a.Key.StartsWith(MarkerAnnotation, StringComparison.Ordinal)))
            {
                content.Annotations[k] = v;
            }
        }

        var open = records[0].Manifest.Annotations!.TryGetValue(OpenRunsAnnotation, out var openJson)
            ? OpenRunInfo.FromJson(openJson).Where(o => !content.Runs.ContainsKey(o.RunId)).ToList()
            : [];
        return (content, records[0].Descriptor, baseDescriptor, open);
    }

    /// <summary>Decodes one record: its config and parameter table travel in annotations, its payloads are its layers.</summary>
    private static ExperimentContent ReadRecord(ImageManifest manifest)
    {
        var annotations = manifest.Annotations!;
        if (!annotations.TryGetValue(ConfigAnnotation, out var config) || !annotations.TryGetValue(ParametersAnnotation, out var parameters))
        {
            throw new ExperimentFormatException("Run journal record is missing its config or parameter annotation");
        }

        var table = Convert.FromBase64String(parameters);
        var withTable = new ImageManifest(manifest.ArtifactType, manifest.Config, [.. manifest.Layers, ExperimentArtifactWriter.TableDescriptor(table)])
        {
            Annotations = manifest.Annotations,
        };
        var loaded = ExperimentArtifactReader.Parse(System.Text.Encoding.UTF8.GetBytes(config), withTable);
        var decoded = RunParameterTable.Decode(table);
        foreach (var runId in decoded.RunIds)
        {
            foreach (var (name, value) in decoded.ForRun(runId))
            {
                loaded.Content.Runs[runId].Parameters[name] = value;
            }
        }

        return loaded.Content;
    }
}
