using Google.Protobuf;
using Ommx.Integration.Model.Wire;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Model;

public sealed partial class Solution
{
    /// <summary>The decoded message while this Solution is unchanged since it was read from v1 bytes.</summary>
    private Protos.V1.Solution? _source;

    /// <summary>The layer media type this library writes: <c>application/org.ommx.v1.solution</c>.</summary>
    public static string MediaType => MediaTypes.SolutionV1;

    /// <summary>
    /// Reads an <c>ommx.v1.Solution</c> and checks it as OMMX does: every variable has a value (state
    /// and substituted_value agree within atol), and <c>feasible</c>/<c>feasible_relaxed</c> equal what
    /// the stored constraint values, bounds and kinds give.
    /// </summary>
    /// <exception cref="ModelFormatException">Malformed bytes, or a Solution OMMX would reject (the message says why).</exception>
    public static Solution FromBytes(ReadOnlySpan<byte> bytes, double? atol = null)
    {
        var proto = Instance.Parse(Protos.V1.Solution.Parser, bytes, "Solution");
        var solution = SolutionV1Codec.Read(proto, Tolerance.Resolve(atol));
        solution._source = proto;
        return solution;
    }

    /// <summary>Reads an <c>ommx.v2.Solution</c> message (what OMMX 3.0 writes).</summary>
    public static Solution FromV2Bytes(ReadOnlySpan<byte> bytes)
    {
        var proto = Instance.Parse(Protos.V2.Solution.Parser, bytes, "v2 Solution");
        return SolutionV2Codec.Read(proto);
    }

    /// <summary>Reads a Solution layer, choosing the encoding from its media type (v1 or v2).</summary>
    public static Solution FromLayer(string mediaType, ReadOnlySpan<byte> bytes) => mediaType switch
    {
        MediaTypes.SolutionV1 => FromBytes(bytes),
        MediaTypes.SolutionV2 => FromV2Bytes(bytes),
        _ => throw new ModelFormatException($"A layer of media type {mediaType} is not a Solution (expected {MediaTypes.SolutionV1} or {MediaTypes.SolutionV2})"),
    };

    /// <summary>
    /// The <c>ommx.v1.Solution</c> bytes. A Solution read from v1 bytes and not changed since gives back
    /// exactly those bytes; any other is written canonically (feasible_relaxed always set, the deprecated
    /// feasible_unrelaxed = feasible, every variable with its bound and substituted_value).
    /// </summary>
    public byte[] ToBytes() => (_source ?? SolutionV1Codec.Write(this)).ToByteArray();

    /// <summary>The canonical v1 encoding, ignoring the bytes this Solution may have been read from.</summary>
    internal byte[] ToCanonicalBytes() => SolutionV1Codec.Write(this).ToByteArray();

    /// <summary>Sets what only the wire carries, without counting as a change.</summary>
    internal void Restore(Optimality optimality, Relaxation relaxation, ProcessMetadata? metadata, IEnumerable<KeyValuePair<string, string>> annotations)
    {
        _optimality = optimality;
        _relaxation = relaxation;
        _metadata = metadata;
        _annotations = new Dictionary<string, string>(annotations, StringComparer.Ordinal);
    }
}
