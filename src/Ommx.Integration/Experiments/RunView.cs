using System.Text.Json;
using System.Text.Json.Nodes;
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

    public IReadOnlyList<SolveRecord> Solves => record.Solves;

    public IReadOnlyList<SolveRecord> Samplings => record.Samplings;

    public Descriptor? Trace => record.Trace;

    public Attachment Attachment(string name) => record.Attachments.TryGetValue(name, out var a) ? a : throw new KeyNotFoundException(name);

    public string AttachmentMediaType(string name) => Attachment(name).MediaType;

    public byte[] GetAttachmentBytes(string name) => AttachmentScope.Read(registry, Attachment(name));

    public JsonNode? GetJson(string name) => ParseJson(name, Attachment(name), registry);

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
