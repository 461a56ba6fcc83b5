using System.Text;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Tests.Experiments;

public sealed class RunParameterTableTests
{
    private static RunParameterTable Table(params (ulong Run, string Name, RunParameterValue Value)[] cells) =>
        RunParameterTable.FromRuns(cells.GroupBy(c => c.Run).Select(g => (g.Key, (IReadOnlyDictionary<string, RunParameterValue>)g.ToDictionary(c => c.Name, c => c.Value))));

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));

    private static string S(string s) => Convert.ToHexString(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Encode_SpecWorkedExample_ByteForByte()
    {
        var table = Table(
            (0, "solver", RunParameterValue.From("scip")),
            (0, "time_limit", RunParameterValue.From(20.0)),
            (1, "solver", RunParameterValue.From("highs")),
            (1, "presolve", RunParameterValue.From(true)));

        var expected = "81 a7" + S("columns") + "83"
            + "a8" + S("presolve") + "82 a4" + S("type") + "a4" + S("bool") + "a6" + S("values") + "81 01 c3"
            + "a6" + S("solver") + "82 a4" + S("type") + "a6" + S("string") + "a6" + S("values") + "82 00 a4" + S("scip") + "01 a5" + S("highs")
            + "aa" + S("time_limit") + "82 a4" + S("type") + "a7" + S("float64") + "a6" + S("values") + "81 00 cb 40 34 00 00 00 00 00 00";

        Assert.Equal(Hex(expected), table.Encode());
    }

    [Fact]
    public void Encode_Empty_IsColumnsWithEmptyMap() =>
        Assert.Equal(Hex("81 a7 63 6f 6c 75 6d 6e 73 80"), Table().Encode());

    [Fact]
    public void Decode_AllTypesAndNonFinite_RoundTrip()
    {
        var table = Table(
            (0, "b", RunParameterValue.From(false)),
            (0, "i", RunParameterValue.From(long.MinValue)),
            (1, "i", RunParameterValue.From(-33L)),
            (0, "f", RunParameterValue.From(double.NaN)),
            (1, "f", RunParameterValue.From(double.PositiveInfinity)),
            (2, "f", RunParameterValue.From(double.NegativeInfinity)),
            (1UL << 40, "s", RunParameterValue.From("ünïcode")));

        var decoded = RunParameterTable.Decode(table.Encode());

        Assert.Equal(table.Encode(), decoded.Encode());
        Assert.True(decoded.TryGet(0, "f", out var nan) && double.IsNaN(nan.AsDouble()));
        Assert.True(decoded.TryGet(2, "f", out var ninf) && double.IsNegativeInfinity(ninf.AsDouble()));
        Assert.True(decoded.TryGet(0, "i", out var min) && min.AsInt64() == long.MinValue);
        Assert.True(decoded.TryGet(1UL << 40, "s", out var s) && s.AsString() == "ünïcode");
        Assert.Equal(RunParameterKind.Bool, decoded.ColumnType("b"));
    }

    [Theory]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Encode_IntegerBoundaries_MostCompactForm(long value, string hex)
    {
        var bytes = Table((0, "x", RunParameterValue.From(value))).Encode();
        Assert.EndsWith("8100" + hex.ToUpperInvariant(), Convert.ToHexString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void FromRuns_IntThenFloat_PromotesColumnToFloat()
    {
        var table = Table((0, "time_limit", RunParameterValue.From(10L)), (1, "time_limit", RunParameterValue.From(20.5)));

        Assert.Equal(RunParameterKind.Float64, table.ColumnType("time_limit"));
        Assert.True(table.TryGet(0, "time_limit", out var v0) && v0.AsDouble() == 10.0);
        Assert.True(table.TryGet(1, "time_limit", out var v1) && v1.AsDouble() == 20.5);
    }

    [Fact]
    public void FromRuns_IntThenString_MixedTypesError()
    {
        var e = Assert.Throws<RunParameterTypeException>(() => Table((0, "seed", RunParameterValue.From(1L)), (1, "seed", RunParameterValue.From("x"))));
        Assert.Equal("Run parameter `seed` has mixed column types: existing int64, incoming string", e.Message);
    }

    [Theory]
    [InlineData("81a7" + "636f6c756d6e73" + "80" + "c0", "exactly one MessagePack value")]
    [InlineData("81a3" + "666f6f" + "80", "unknown `foo` field")]
    [InlineData("81a7636f6c756d6e73" + "81a178" + "82a474797065a4626c6f62a676616c75657380", "Unknown run parameter column type `blob`")]
    [InlineData("81a7636f6c756d6e73" + "81a178" + "82a474797065a7666c6f61743634a676616c7565738100ca3f800000", "Expected float64 run parameter value")]
    [InlineData("81a7636f6c756d6e73" + "81a178" + "82a474797065a6737472696e67a676616c7565738100c40178", "Expected string run parameter value")]
    [InlineData("81a7636f6c756d6e73" + "81a178" + "82a474797065a4626f6f6ca676616c75657381ffc3", "run id must be uint64")]
    [InlineData("81a7636f6c756d6e73" + "82a178" + "82a474797065a4626f6f6ca676616c75657380" + "a178" + "82a474797065a4626f6f6ca676616c75657380", "Duplicate run parameter column `x`")]
    [InlineData("81a7636f6c756d6e73" + "81a178" + "82a474797065a4626f6f6ca676616c75657382" + "00c3" + "00c2", "more than once")]
    [InlineData("81a7636f6c756d6e73" + "81a178" + "83a474797065a4626f6f6ca676616c75657380a3657874c0", "unknown `ext` field")]
    public void Decode_Malformed_RefusedWithReason(string hex, string message)
    {
        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(Convert.FromHexString(hex)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ValuesBeforeType_OrderInsensitive()
    {
        var bytes = Convert.FromHexString("81a7636f6c756d6e73" + "81a178" + "82a676616c7565738101c3a474797065a4626f6f6c");
        Assert.True(RunParameterTable.Decode(bytes).TryGet(1, "x", out var v) && v.AsBool());
    }

    [Fact]
    public void Render_OneRun_MatchesPandasSnapshot()
    {
        var table = Table((0, "solver", RunParameterValue.From("scip")), (0, "time_limit", RunParameterValue.From(20.0)));

        Assert.Equal("       solver  time_limit\nrun_id\n0        scip        20.0\n", table.Render([0]));
    }

    [Fact]
    public void Render_MissingCellsAndEmptyRun_MatchesPandasSnapshot()
    {
        var table = Table((0, "solver", RunParameterValue.From("scip")), (0, "time_limit", RunParameterValue.From(20.0)),
            (1, "solver", RunParameterValue.From("highs")), (1, "presolve", RunParameterValue.From(true)));

        Assert.Equal(
            "       solver  time_limit  presolve\nrun_id\n0        scip        20.0      <NA>\n1       highs        <NA>      True\n2        <NA>        <NA>      <NA>\n",
            table.Render([0, 1, 2]));
    }

    [Fact]
    public void Render_NoParameters_IndexOnly() =>
        Assert.Equal("\nrun_id\n0\n1\n", Table().Render([0, 1]));
}
