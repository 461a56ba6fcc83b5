using System.Text;
using System.Text.Json.Nodes;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// Bytes that must equal what the OMMX Rust SDK writes for the same value, so the same value gets the same
/// digest: a NaN run parameter (the canonical quiet NaN) and <c>LogJson</c> (keys sorted by UTF-8 bytes,
/// compact, raw UTF-8, serde_json's number forms).
/// </summary>
public sealed class OmmxByteInteropTests : IDisposable
{
    private readonly TempRegistry temp = new();

    [Fact]
    public void RunParameterTable_NaN_IsTheCanonicalQuietNaN()
    {
        var table = RunParameterTable.FromRuns(
        [
            (0UL, new Dictionary<string, RunParameterValue> { ["gap"] = RunParameterValue.From(double.NaN) }),
        ]);

        // {"columns":{"gap":{"type":"float64","values":{0:NaN}}}}, NaN = cb 7ff8000000000000 as OMMX writes it.
        Assert.Equal(
            "81A7636F6C756D6E7381A3676170" + "82A474797065A7666C6F61743634A676616C75657381" + "00CB7FF8000000000000",
            Convert.ToHexString(table.Encode()));
    }

    [Fact]
    public void RunParameterTable_NaN_ReadsBackAsNaN()
    {
        var table = RunParameterTable.FromRuns(
        [
            (0UL, new Dictionary<string, RunParameterValue> { ["gap"] = RunParameterValue.From(double.NaN) }),
        ]);

        var decoded = RunParameterTable.Decode(table.Encode());

        Assert.True(decoded.TryGet(0, "gap", out var gap));
        Assert.True(double.IsNaN(gap.AsDouble()));
    }

    [Fact]
    public void LogJson_NestedMapsInAnyOrder_MatchTheRustSdkGoldenBytesAndDigest()
    {
        // The OMMX Rust SDK's own test (log_json of two HashMaps) expects exactly these bytes for both orders.
        var first = new Dictionary<string, Dictionary<string, int>>
        {
            ["outer_b"] = new() { ["d"] = 4, ["c"] = 3 },
            ["outer_a"] = new() { ["b"] = 2, ["a"] = 1 },
        };
        var second = new JsonObject
        {
            ["outer_a"] = new JsonObject { ["a"] = 1, ["b"] = 2 },
            ["outer_b"] = new JsonObject { ["c"] = 3, ["d"] = 4 },
        };
        const string golden = """{"outer_a":{"a":1,"b":2},"outer_b":{"c":3,"d":4}}""";
        var goldenDigest = Digest.Parse("sha256:a130e8989291a76537f2488c09b72d36715378c2c330e26d7ef593f6fccd88ea");

        using var experiment = Experiment.Create(temp.Registry, "example.com/interop/json:v1");
        experiment.LogJson("first", first);
        experiment.Run(run => run.LogJson("second", second));

        Assert.Equal(golden, Encoding.UTF8.GetString(experiment.GetAttachmentBytes("first")));
        Assert.Equal(Encoding.UTF8.GetBytes(golden), temp.Registry.Blobs.Read(goldenDigest));
        Assert.Equal(golden, Encoding.UTF8.GetString(LogJsonEncoder.Encode(second)));
    }

    [Fact]
    public void LogJson_KeysSortByUtf8Bytes_StringsStayRawUtf8()
    {
        // UTF-16 order would put U+1F600 (D83D…) before U+FF61; UTF-8 order puts it after (F0… > EF…).
        var value = new JsonObject
        {
            ["\U0001F600"] = 5,
            ["\uFF61"] = 4,
            ["é"] = "Über <tag> & 'q'",
            ["z"] = "line\nbreak\t\"quoted\" back\\slash \u0001 \u007f \u2028",
            ["A"] = new JsonArray(new JsonObject { ["y"] = true, ["x"] = null }),
        };

        var bytes = LogJsonEncoder.Encode(value);

        const string expected = "{\"A\":[{\"x\":null,\"y\":true}],"
            + "\"z\":\"line\\nbreak\\t\\\"quoted\\\" back\\\\slash \\u0001 \u007f \u2028\","
            + "\"é\":\"Über <tag> & 'q'\",\"\uFF61\":4,\"\U0001F600\":5}";
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), bytes);
    }

    [Fact]
    public void LogJson_Numbers_AsSerdeJsonWritesThem()
    {
        var value = new
        {
            one = 1.0,
            integer = 1,
            tenth = 0.1,
            single = 0.1f,
            small = 1e-7,
            fiveZeros = 0.00001,
            big = 1.5e20,
            e15 = 1e15,
            e16 = 1e16,
            long17 = 123456789012345680.0,
            negativeZero = -0.0,
            nan = double.NaN,
            infinity = double.NegativeInfinity,
            max = long.MaxValue,
            umax = ulong.MaxValue,
        };

        var text = Encoding.UTF8.GetString(LogJsonEncoder.Encode(value));

        Assert.Equal(
            "{\"big\":1.5e20,\"e15\":1000000000000000.0,\"e16\":1e16,\"fiveZeros\":0.00001,\"infinity\":null,"
            + "\"integer\":1,\"long17\":1.2345678901234568e17,\"max\":9223372036854775807,\"nan\":null,"
            + "\"negativeZero\":-0.0,\"one\":1.0,\"single\":0.10000000149011612,\"small\":1e-7,\"tenth\":0.1,"
            + "\"umax\":18446744073709551615}",
            text);
    }

    [Fact]
    public void LogJson_NumberTextFromParsedJson_ReadAsSerdeJsonReadsIt()
    {
        var parsed = JsonNode.Parse("""{ "b": [1.50, 2E3, -0, 0, 18446744073709551616, -12], "a": 0.000001 }""");

        var text = Encoding.UTF8.GetString(LogJsonEncoder.Encode(parsed));

        Assert.Equal("""{"a":1e-6,"b":[1.5,2000.0,-0.0,0,1.8446744073709552e19,-12]}""", text);
    }

    public void Dispose() => temp.Dispose();
}
