using System.Text.Json;
using System.Text.Json.Nodes;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments;

/// <summary>A closed Run, read-only: status, reason, parameters, attachments, solves.</summary>
public sealed class RunView
{
    private readonly LocalRegistry registry;
    private readonly RunRecord record;

    internal RunView(LocalRegistry registry, RunRecord record)
    {
        this.registry = registry;
        this.record = record;
    }

    public ulong Id => record.Id;

    public RunStatus Status => record.Status;

    public string? LifecycleReason => record.Reason;

    public IReadOnlyDictionary<string, RunParameterValue> Parameters => record.Parameters;

    public IReadOnlyList<string> AttachmentNames => [.. record.Attachments.Keys];

    internal IReadOnlyList<SolveRecord> Solves => record.Solves;

    internal IReadOnlyList<SolveRecord> Samplings => record.Samplings;

    public Descriptor? Trace => record.Trace;

    /// <summary>The recorded Solves with their payloads, by id.</summary>
    public IReadOnlyList<SolveView> SolveViews => [.. record.Solves.Select(s => new SolveView(registry, s))];

    /// <summary>The recorded Samplings with their payloads, by id.</summary>
    public IReadOnlyList<SamplingView> SamplingViews => [.. record.Samplings.Select(s => new SamplingView(registry, s))];

    /// <exception cref="KeyNotFoundException">The Run has no Solve with this id.</exception>
    public SolveView GetSolve(ulong id) => new(registry, record.Solves.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"Run {Id} has no Solve {id}"));

    /// <exception cref="KeyNotFoundException">The Run has no Sampling with this id.</exception>
    public SamplingView GetSampling(ulong id) => new(registry, record.Samplings.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"Run {Id} has no Sampling {id}"));

    internal Attachment Attachment(string name) => record.Attachments.TryGetValue(name, out var a) ? a : throw new KeyNotFoundException(name);

    public string AttachmentMediaType(string name) => Attachment(name).MediaType;

    public byte[] GetAttachmentBytes(string name) => AttachmentScope.Read(registry, Attachment(name));

    public JsonNode? GetJson(string name) => ParseJson(name, Attachment(name), registry);

    /// <summary>The Instance attachment <paramref name="name"/> (v1 or v2).</summary>
    /// <exception cref="InvalidOperationException">The attachment is not an Instance.</exception>
    public Model.Instance GetInstance(string name) => TypedAttachments.Instance(Attachment(name), registry);

    public Model.ParametricInstance GetParametricInstance(string name) => TypedAttachments.ParametricInstance(Attachment(name), registry);

    public Model.Solution GetSolution(string name) => TypedAttachments.Solution(Attachment(name), registry);

    public Model.SampleSet GetSampleSet(string name) => TypedAttachments.SampleSet(Attachment(name), registry);

    public T GetWithCodec<T>(IAttachmentCodec<T> codec, string name)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return Decode(codec, Attachment(name), registry);
    }

    public byte[] ReadBlob(Descriptor descriptor) => registry.Blobs.Read(descriptor);

    internal static JsonNode? ParseJson(string name, Attachment attachment, LocalRegistry registry)
    {
        if (attachment.MediaType != MediaTypes.Json)
        {
            throw new InvalidOperationException($"Expected media type '{MediaTypes.Json}', got '{attachment.MediaType}' for attachment `{name}`");
        }

        try
        {
            return JsonNode.Parse(AttachmentScope.Read(registry, attachment));
        }
        catch (JsonException e)
        {
            throw new ExperimentFormatException($"Attachment `{name}` is not valid JSON: {e.Message}", e);
        }
    }

    internal static T Decode<T>(IAttachmentCodec<T> codec, Attachment attachment, LocalRegistry registry)
    {
        if (attachment.MediaType != codec.MediaType)
        {
            throw new InvalidOperationException($"Expected media type '{codec.MediaType}', got '{attachment.MediaType}'");
        }

        return codec.Decode(AttachmentScope.Read(registry, attachment));
    }
}
