using Google.Protobuf;
using Ommx.Integration.Model.Wire;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Model;

public sealed partial class Instance
{
    /// <summary>The decoded message when this Instance was read from v1 bytes, so <see cref="ToBytes"/> gives them back unchanged.</summary>
    private readonly Protos.V1.Instance? _source;

    /// <summary>The layer media type this library writes: <c>application/org.ommx.v1.instance</c>.</summary>
    public static string MediaType => MediaTypes.InstanceV1;

    /// <summary>Reads an <c>ommx.v1.Instance</c> message and validates it as OMMX does.</summary>
    /// <exception cref="ModelFormatException">Malformed bytes, or an Instance OMMX would reject (the message says why).</exception>
    /// <param name="bytes">The message.</param>
    /// <param name="atol">The tolerance for normalizing integer bounds; default <see cref="Tolerance.Default"/>.</param>
    public static Instance FromBytes(ReadOnlySpan<byte> bytes, double? atol = null)
    {
        var proto = Parse(Protos.V1.Instance.Parser, bytes, "Instance");
        return new Instance(InstanceV1Codec.Read(proto), Tolerance.Resolve(atol), proto);
    }

    /// <summary>Reads an <c>ommx.v2.Instance</c> message (what OMMX 3.0 writes).</summary>
    /// <exception cref="ModelFormatException">Malformed, or uses features this library does not support.</exception>
    public static Instance FromV2Bytes(ReadOnlySpan<byte> bytes)
    {
        var proto = Parse(Protos.V2.Instance.Parser, bytes, "v2 Instance");
        return new Instance(InstanceV2Codec.Read(proto), Tolerance.Default, source: null);
    }

    /// <summary>Reads an Instance layer, choosing the encoding from its media type (v1 or v2).</summary>
    public static Instance FromLayer(string mediaType, ReadOnlySpan<byte> bytes) => mediaType switch
    {
        MediaTypes.InstanceV1 => FromBytes(bytes),
        MediaTypes.InstanceV2 => FromV2Bytes(bytes),
        _ => throw new ModelFormatException($"A layer of media type {mediaType} is not an Instance (expected {MediaTypes.InstanceV1} or {MediaTypes.InstanceV2})"),
    };

    /// <summary>
    /// The <c>ommx.v1.Instance</c> bytes. An Instance read from v1 bytes gives back exactly those bytes;
    /// any other is written canonically (variables and constraints by id, maps by key, bound always set).
    /// </summary>
    public byte[] ToBytes() => (_source ?? InstanceV1Codec.Write(this)).ToByteArray();

    /// <summary>The canonical v1 encoding, ignoring the bytes this Instance may have been read from.</summary>
    internal byte[] ToCanonicalBytes() => InstanceV1Codec.Write(this).ToByteArray();

    internal static T Parse<T>(MessageParser<T> parser, ReadOnlySpan<byte> bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFormatException($"The bytes are not a valid {what} message: {e.Message}", e);
        }
    }
}
