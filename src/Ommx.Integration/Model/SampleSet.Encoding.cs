using Google.Protobuf;
using Ommx.Integration.Model.Wire;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Model;

public sealed partial class SampleSet
{
    /// <summary>The decoded message while this SampleSet is unchanged since it was read from v1 bytes.</summary>
    private Protos.V1.SampleSet? _source;

    /// <summary>The layer media type this library writes: <c>application/org.ommx.v1.sample-set</c>.</summary>
    public static string MediaType => MediaTypes.SampleSetV1;

    /// <summary>
    /// Reads an <c>ommx.v1.SampleSet</c> and checks it as OMMX does: every variable and constraint covers
    /// exactly the objectives' sample ids, and every stored feasibility agrees with the stored values.
    /// </summary>
    /// <exception cref="ModelFormatException">Malformed bytes, or a SampleSet OMMX would reject.</exception>
    public static SampleSet FromBytes(ReadOnlySpan<byte> bytes, double? atol = null)
    {
        var proto = Instance.Parse(Protos.V1.SampleSet.Parser, bytes, "SampleSet");
        var sampleSet = SampleSetV1Codec.Read(proto, Tolerance.Resolve(atol));
        sampleSet._source = proto;
        return sampleSet;
    }

    /// <summary>Reads an <c>ommx.v2.SampleSet</c> message (what OMMX 3.0 writes).</summary>
    public static SampleSet FromV2Bytes(ReadOnlySpan<byte> bytes)
    {
        var proto = Instance.Parse(Protos.V2.SampleSet.Parser, bytes, "v2 SampleSet");
        return SampleSetV2Codec.Read(proto);
    }

    /// <summary>Reads a SampleSet layer, choosing the encoding from its media type (v1 or v2).</summary>
    public static SampleSet FromLayer(string mediaType, ReadOnlySpan<byte> bytes) => mediaType switch
    {
        MediaTypes.SampleSetV1 => FromBytes(bytes),
        MediaTypes.SampleSetV2 => FromV2Bytes(bytes),
        _ => throw new ModelFormatException($"A layer of media type {mediaType} is not a SampleSet (expected {MediaTypes.SampleSetV1} or {MediaTypes.SampleSetV2})"),
    };

    /// <summary>The <c>ommx.v1.SampleSet</c> bytes (exactly the bytes read, if read from v1 and unchanged).</summary>
    public byte[] ToBytes() => (_source ?? SampleSetV1Codec.Write(this)).ToByteArray();

    internal byte[] ToCanonicalBytes() => SampleSetV1Codec.Write(this).ToByteArray();
}
