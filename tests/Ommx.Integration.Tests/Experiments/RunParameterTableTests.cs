using System.Text;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Tests.Experiments;

public sealed class RunParameterTableTests
{
    private static readonly byte[] EmptyTableBytes = Convert.FromHexString("81a7636f6c756d6e7380");

    // ---- building and encoding ----

    [Fact]
    public void Encode_SpecWorkedExample_MatchesBytes()
    {
        var table = RunParameterTable.FromRuns(
        [
            Run(0, ("solver", RunParameterValue.From("scip")), ("time_limit", RunParameterValue.From(20.0))),
            Run(1, ("solver", RunParameterValue.From("highs")), ("presolve", RunParameterValue.From(true))),
        ]);

        var expected = Bytes(
            0x81, Str("columns"), 0x83,
            Str("presolve"), 0x82, Str("type"), Str("bool"), Str("values"), 0x81, 0x01, 0xc3,
            Str("solver"), 0x82, Str("type"), Str("string"), Str("values"), 0x82, 0x00, Str("scip"), 0x01, Str("highs"),
            Str("time_limit"), 0x82, Str("type"), Str("float64"), Str("values"), 0x81, 0x00,
            0xcb, 0x40, 0x34, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(table.Encode()));
    }

    [Fact]
    public void Encode_NoParameters_IsEmptyColumnsMap()
    {
        Assert.Equal(EmptyTableBytes, RunParameterTable.FromRuns([]).Encode());
        Assert.Equal(EmptyTableBytes, RunParameterTable.FromRuns([Run(0), Run(1)]).Encode());
    }

    [Fact]
    public void Decode_EmptyTableBytes_HasNoColumnsOrRuns()
    {
        var table = RunParameterTable.Decode(EmptyTableBytes);
        Assert.Empty(table.ColumnNames);
        Assert.Empty(table.RunIds);
    }

    [Fact]
    public void Decode_SpecWorkedExample_GivesTheLoggedValues()
    {
        var bytes = RunParameterTable.FromRuns(
        [
            Run(0, ("solver", RunParameterValue.From("scip")), ("time_limit", RunParameterValue.From(20.0))),
            Run(1, ("solver", RunParameterValue.From("highs")), ("presolve", RunParameterValue.From(true))),
        ]).Encode();

        var table = RunParameterTable.Decode(bytes);

        Assert.Equal(["presolve", "solver", "time_limit"], table.ColumnNames);
        Assert.Equal(RunParameterKind.Bool, table.ColumnType("presolve"));
        Assert.Equal(RunParameterKind.String, table.ColumnType("solver"));
        Assert.Equal(RunParameterKind.Float64, table.ColumnType("time_limit"));
        Assert.Equal([0UL, 1UL], table.RunIds);
        var cells = table.RunIds
            .SelectMany(run => table.ForRun(run).Select(cell => $"{run},{cell.Key},{cell.Value.Kind},{cell.Value}"))
            .ToList();
        Assert.Equal(
            ["0,solver,String,scip", "0,time_limit,Float64,20.0", "1,presolve,Bool,True", "1,solver,String,highs"],
            cells);
        Assert.False(table.TryGet(0, "presolve", out _));
        Assert.True(table.TryGet(1, "presolve", out var presolve));
        Assert.True(presolve.AsBool());
    }

    [Fact]
    public void DecodeEncode_AllTypesAndNonFiniteFloats_RoundTrip()
    {
        var table = RunParameterTable.FromRuns(
        [
            Run(0, ("flag", RunParameterValue.From(false)), ("n", RunParameterValue.From(long.MinValue)),
                ("x", RunParameterValue.From(double.NaN)), ("s", RunParameterValue.From("ünïcødé 🎉"))),
            Run(1, ("flag", RunParameterValue.From(true)), ("n", RunParameterValue.From(long.MaxValue)),
                ("x", RunParameterValue.From(double.PositiveInfinity)), ("s", RunParameterValue.From(string.Empty))),
            Run(2, ("n", RunParameterValue.From(-7L)), ("x", RunParameterValue.From(double.NegativeInfinity))),
            Run(3, ("x", RunParameterValue.From(-0.0))),
        ]);

        var bytes = table.Encode();
        var decoded = RunParameterTable.Decode(bytes);

        Assert.Equal(bytes, decoded.Encode());
        Assert.Equal(RunParameterKind.Bool, decoded.ColumnType("flag"));
        Assert.Equal(RunParameterKind.Int64, decoded.ColumnType("n"));
        Assert.Equal(RunParameterKind.String, decoded.ColumnType("s"));
        Assert.Equal(RunParameterKind.Float64, decoded.ColumnType("x"));
        Assert.False(Cell(decoded, 0, "flag").AsBool());
        Assert.True(Cell(decoded, 1, "flag").AsBool());
        Assert.Equal(long.MinValue, Cell(decoded, 0, "n").AsInt64());
        Assert.Equal(long.MaxValue, Cell(decoded, 1, "n").AsInt64());
        Assert.Equal(-7L, Cell(decoded, 2, "n").AsInt64());
        Assert.True(double.IsNaN(Cell(decoded, 0, "x").AsDouble()));
        Assert.True(double.IsPositiveInfinity(Cell(decoded, 1, "x").AsDouble()));
        Assert.True(double.IsNegativeInfinity(Cell(decoded, 2, "x").AsDouble()));
        Assert.True(double.IsNegative(Cell(decoded, 3, "x").AsDouble()));
        Assert.Equal("ünïcødé 🎉", Cell(decoded, 0, "s").AsString());
        Assert.Equal(string.Empty, Cell(decoded, 1, "s").AsString());
    }

    [Fact]
    public void FromRuns_IntThenFloat_PromotesColumnToFloat64()
    {
        var table = RunParameterTable.FromRuns(
        [
            Run(0, ("time_limit", RunParameterValue.From(10L))),
            Run(1, ("time_limit", RunParameterValue.From(20.5))),
        ]);

        Assert.Equal(RunParameterKind.Float64, table.ColumnType("time_limit"));
        Assert.Equal(RunParameterValue.From(10.0), Cell(table, 0, "time_limit"));
        Assert.Equal(RunParameterValue.From(20.5), Cell(table, 1, "time_limit"));
        var expected = Bytes(
            0x81, Str("columns"), 0x81, Str("time_limit"), 0x82, Str("type"), Str("float64"), Str("values"), 0x82,
            0x00, 0xcb, 0x40, 0x24, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x01, 0xcb, 0x40, 0x34, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(table.Encode()));
    }

    [Fact]
    public void FromRuns_FloatThenInt_CastsIncomingIntToFloat()
    {
        var table = RunParameterTable.FromRuns(
        [
            Run(0, ("t", RunParameterValue.From(1.5))),
            Run(1, ("t", RunParameterValue.From(3L))),
        ]);

        Assert.Equal(RunParameterKind.Float64, table.ColumnType("t"));
        Assert.Equal(RunParameterValue.From(3.0), Cell(table, 1, "t"));
    }

    [Fact]
    public void FromRuns_RunsGivenOutOfOrder_AreProcessedByAscendingRunId()
    {
        // Run 0 (int) is processed first although listed second, so the column is promoted, and the
        // mixed-type error names int64 as the existing type.
        var promoted = RunParameterTable.FromRuns(
        [
            Run(1, ("t", RunParameterValue.From(2.5))),
            Run(0, ("t", RunParameterValue.From(1L))),
        ]);
        Assert.Equal(RunParameterValue.From(1.0), Cell(promoted, 0, "t"));

        var e = Assert.Throws<RunParameterTypeException>(() => RunParameterTable.FromRuns(
        [
            Run(1, ("seed", RunParameterValue.From("x"))),
            Run(0, ("seed", RunParameterValue.From(1L))),
        ]));
        Assert.Equal("Run parameter `seed` has mixed column types: existing int64, incoming string", e.Message);
    }

    [Fact]
    public void FromRuns_IntThenString_ThrowsMixedColumnTypes()
    {
        var e = Assert.Throws<RunParameterTypeException>(() => RunParameterTable.FromRuns(
        [
            Run(0, ("seed", RunParameterValue.From(1L))),
            Run(1, ("seed", RunParameterValue.From("one"))),
        ]));

        Assert.Equal("Run parameter `seed` has mixed column types: existing int64, incoming string", e.Message);
        Assert.IsAssignableFrom<OmmxException>(e);
    }

    [Theory]
    [InlineData(RunParameterKind.Bool, RunParameterKind.Int64, "existing bool, incoming int64")]
    [InlineData(RunParameterKind.Int64, RunParameterKind.Bool, "existing int64, incoming bool")]
    [InlineData(RunParameterKind.Float64, RunParameterKind.String, "existing float64, incoming string")]
    [InlineData(RunParameterKind.String, RunParameterKind.Float64, "existing string, incoming float64")]
    [InlineData(RunParameterKind.Bool, RunParameterKind.Float64, "existing bool, incoming float64")]
    public void FromRuns_IncompatibleTypes_ThrowsWithBothTypeNames(
        RunParameterKind first,
        RunParameterKind second,
        string expected)
    {
        var e = Assert.Throws<RunParameterTypeException>(() => RunParameterTable.FromRuns(
        [
            Run(0, ("p", Sample(first))),
            Run(1, ("p", Sample(second))),
        ]));

        Assert.Equal($"Run parameter `p` has mixed column types: {expected}", e.Message);
    }

    [Fact]
    public void FromRuns_TwoConflictsInOneRun_ReportsTheFirstNameInSortedOrder()
    {
        var e = Assert.Throws<RunParameterTypeException>(() => RunParameterTable.FromRuns(
        [
            Run(0, ("b", RunParameterValue.From(1L)), ("a", RunParameterValue.From(true))),
            Run(1, ("b", RunParameterValue.From("x")), ("a", RunParameterValue.From("y"))),
        ]));

        Assert.StartsWith("Run parameter `a` ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRuns_SameRunTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => RunParameterTable.FromRuns([Run(3), Run(3)]));

    [Fact]
    public void ColumnNames_NonAsciiNames_AreInUtf8ByteOrder()
    {
        // UTF-16 ordinal order would put the surrogate pair of U+1F600 before U+E000; UTF-8 does not.
        var table = RunParameterTable.FromRuns(
        [
            Run(0, ("\U0001F600", RunParameterValue.From(1L)), ("\uE000", RunParameterValue.From(2L)), ("B", RunParameterValue.From(3L)), ("a", RunParameterValue.From(4L))),
        ]);

        Assert.Equal(["B", "a", "\uE000", "\U0001F600"], table.ColumnNames);
        var decoded = RunParameterTable.Decode(table.Encode());
        Assert.Equal(table.ColumnNames, decoded.ColumnNames);
        Assert.Equal(["B", "a", "\uE000", "\U0001F600"], decoded.ForRun(0).Keys);
    }

    [Fact]
    public void Accessors_UnknownNamesAndRuns_AreAbsent()
    {
        var table = RunParameterTable.FromRuns([Run(2, ("a", RunParameterValue.From(1L))), Run(5)]);

        Assert.Throws<KeyNotFoundException>(() => table.ColumnType("b"));
        Assert.False(table.TryGet(2, "b", out _));
        Assert.False(table.TryGet(5, "a", out _));
        Assert.Empty(table.ForRun(5));
        Assert.Equal([2UL], table.RunIds);
    }

    // ---- compact encodings ----

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Encode_Int64Value_UsesMostCompactForm(long value, string hex)
    {
        var table = RunParameterTable.FromRuns([Run(0, ("v", RunParameterValue.From(value)))]);

        var bytes = table.Encode();

        Assert.Equal(Convert.ToHexString(SingleCell("v", "int64", 0x00, Convert.FromHexString(hex))), Convert.ToHexString(bytes));
        Assert.Equal(value, Cell(RunParameterTable.Decode(bytes), 0, "v").AsInt64());
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "cc80")]
    [InlineData(256UL, "cd0100")]
    [InlineData(65536UL, "ce00010000")]
    [InlineData(1UL << 40, "cf0000010000000000")]
    [InlineData(ulong.MaxValue, "cfffffffffffffffff")]
    public void Encode_RunId_UsesMostCompactUnsignedForm(ulong runId, string hex)
    {
        var table = RunParameterTable.FromRuns([Run(runId, ("v", RunParameterValue.From(true)))]);

        var bytes = table.Encode();

        var expected = Bytes(0x81, Str("columns"), 0x81, Str("v"), 0x82, Str("type"), Str("bool"), Str("values"), 0x81,
            Convert.FromHexString(hex), 0xc3);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
        Assert.Equal([runId], RunParameterTable.Decode(bytes).RunIds);
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void Encode_StringValue_UsesMostCompactStrHeader(int length, string headerHex)
    {
        var text = new string('s', length);
        var table = RunParameterTable.FromRuns([Run(0, ("v", RunParameterValue.From(text)))]);

        var bytes = table.Encode();

        var value = Bytes(Convert.FromHexString(headerHex), Encoding.UTF8.GetBytes(text));
        Assert.Equal(Convert.ToHexString(SingleCell("v", "string", 0x00, value)), Convert.ToHexString(bytes));
        Assert.Equal(text, Cell(RunParameterTable.Decode(bytes), 0, "v").AsString());
    }

    [Theory]
    [InlineData(15, "8f")]
    [InlineData(16, "de0010")]
    public void Encode_ManyColumns_UsesMostCompactMapHeader(int count, string headerHex)
    {
        var values = Enumerable.Range(0, count).Select(i => ($"c{i:D2}", RunParameterValue.From(true))).ToArray();
        var bytes = RunParameterTable.FromRuns([Run(0, values)]).Encode();

        var prefix = Bytes(0x81, Str("columns"), Convert.FromHexString(headerHex), Str("c00"));
        Assert.Equal(Convert.ToHexString(prefix), Convert.ToHexString(bytes.AsSpan(0, prefix.Length)));
        Assert.Equal(count, RunParameterTable.Decode(bytes).ColumnNames.Count);
    }

    [Fact]
    public void Encode_Float64Value_IsAlwaysBigEndianFloat64()
    {
        var table = RunParameterTable.FromRuns([Run(0, ("v", RunParameterValue.From(0.5))), Run(1, ("v", RunParameterValue.From(double.NegativeInfinity)))]);

        var expected = Bytes(0x81, Str("columns"), 0x81, Str("v"), 0x82, Str("type"), Str("float64"), Str("values"), 0x82,
            0x00, 0xcb, 0x3f, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x01, 0xcb, 0xff, 0xf0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(table.Encode()));
    }

    // ---- decoding rules ----

    [Fact]
    public void Decode_ReorderedMapsAndWideIntegers_AreAccepted()
    {
        // values before type, columns and run ids out of order, run ids and ints in non-compact forms.
        var bytes = Bytes(
            0x81, Str("columns"), 0x82,
            Str("b"), 0x82, Str("values"), 0x82, 0xcd, 0x00, 0x05, 0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0x01, 0xd1, 0x00, 0x02, Str("type"), Str("int64"),
            Str("a"), 0x82, Str("type"), Str("bool"), Str("values"), 0x81, 0xcf, 0, 0, 0, 0, 0, 0, 0, 0x03, 0xc2);

        var table = RunParameterTable.Decode(bytes);

        Assert.Equal(["a", "b"], table.ColumnNames);
        Assert.Equal(-1L, Cell(table, 5, "b").AsInt64());
        Assert.Equal(2L, Cell(table, 1, "b").AsInt64());
        Assert.False(Cell(table, 3, "a").AsBool());
        var canonical = Bytes(
            0x81, Str("columns"), 0x82,
            Str("a"), 0x82, Str("type"), Str("bool"), Str("values"), 0x81, 0x03, 0xc2,
            Str("b"), 0x82, Str("type"), Str("int64"), Str("values"), 0x82, 0x01, 0x02, 0x05, 0xff);
        Assert.Equal(Convert.ToHexString(canonical), Convert.ToHexString(table.Encode()));
    }

    [Theory]
    [InlineData("cc80", 128L)]
    [InlineData("cdffff", 65535L)]
    [InlineData("ceffffffff", 4294967295L)]
    [InlineData("cf7fffffffffffffff", long.MaxValue)]
    [InlineData("d0ff", -1L)]
    [InlineData("d17fff", 32767L)]
    [InlineData("d2ffffffff", -1L)]
    [InlineData("d38000000000000000", long.MinValue)]
    [InlineData("e0", -32L)]
    public void Decode_Int64ColumnAnyIntegerForm_Accepted(string hex, long expected)
    {
        var table = RunParameterTable.Decode(SingleCell("v", "int64", 0x00, Convert.FromHexString(hex)));

        Assert.Equal(expected, Cell(table, 0, "v").AsInt64());
    }

    [Fact]
    public void Decode_TrailingBytes_Throws()
    {
        var bytes = Bytes(EmptyTableBytes, 0xc0);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Equal("Run-parameter table must contain exactly one MessagePack value", e.Message);
    }

    [Fact]
    public void Decode_NoBytes_Throws()
    {
        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode([]));

        Assert.Equal("Run-parameter table must contain exactly one MessagePack value", e.Message);
    }

    [Fact]
    public void Decode_Truncated_Throws()
    {
        var bytes = RunParameterTable.FromRuns([Run(0, ("x", RunParameterValue.From(1.0)))]).Encode();

        for (var length = 1; length < bytes.Length; length++)
        {
            Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Decode_TopLevelNotAMap_Throws()
    {
        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(Bytes(0x91, 0x80)));

        Assert.Contains("map", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownTopLevelField_Throws()
    {
        var bytes = Bytes(0x82, Str("columns"), 0x80, Str("extra"), 0x01);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Equal("run-parameter table contains unknown `extra` field", e.Message);
    }

    [Fact]
    public void Decode_DuplicateColumnsField_Throws()
    {
        var bytes = Bytes(0x82, Str("columns"), 0x80, Str("columns"), 0x80);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("duplicate `columns`", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MissingColumnsField_Throws()
    {
        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(Bytes(0x80)));

        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownColumnField_Throws()
    {
        var bytes = Bytes(0x81, Str("columns"), 0x81, Str("x"), 0x83,
            Str("type"), Str("bool"), Str("values"), 0x80, Str("note"), 0xc0);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("unknown `note` field", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DuplicateColumnTypeField_Throws()
    {
        var bytes = Bytes(0x81, Str("columns"), 0x81, Str("x"), 0x83,
            Str("type"), Str("bool"), Str("values"), 0x80, Str("type"), Str("bool"));

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("duplicate `type`", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DuplicateColumnValuesField_Throws()
    {
        var bytes = Bytes(0x81, Str("columns"), 0x81, Str("x"), 0x83,
            Str("values"), 0x80, Str("type"), Str("bool"), Str("values"), 0x80);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("duplicate `values`", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ColumnWithoutType_Throws()
    {
        var bytes = Bytes(0x81, Str("columns"), 0x81, Str("x"), 0x81, Str("values"), 0x80);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("missing the `type` field", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ColumnWithoutValues_Throws()
    {
        var bytes = Bytes(0x81, Str("columns"), 0x81, Str("x"), 0x81, Str("type"), Str("bool"));

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("missing the `values` field", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int32")]
    [InlineData("Float64")]
    [InlineData("")]
    public void Decode_UnknownColumnType_Throws(string type)
    {
        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(SingleCell("x", type, 0x00, [0xc3])));

        Assert.Equal($"Unknown run parameter column type `{type}`", e.Message);
    }

    [Fact]
    public void Decode_Float32InFloat64Column_Throws()
    {
        var bytes = SingleCell("x", "float64", 0x00, [0xca, 0x41, 0xa0, 0x00, 0x00]);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("Expected float64 run parameter value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("float64", "14")]
    [InlineData("bool", "01")]
    [InlineData("int64", "c3")]
    [InlineData("int64", "cb3ff0000000000000")]
    [InlineData("string", "c40161")]
    [InlineData("string", "c0")]
    [InlineData("bool", "a474727565")]
    public void Decode_ValueOfWrongMsgpackType_Throws(string type, string valueHex)
    {
        var bytes = SingleCell("x", type, 0x00, Convert.FromHexString(valueHex));

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains($"Expected {type} run parameter value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Int64ColumnValueAboveInt64Range_Throws()
    {
        var bytes = SingleCell("x", "int64", 0x00, Convert.FromHexString("cf8000000000000000"));

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("Expected int64 run parameter value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_StringValueNotUtf8_Throws()
    {
        var bytes = SingleCell("x", "string", 0x00, [0xa2, 0xc3, 0x28]);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bool", "ff", "c3")]
    [InlineData("int64", "d0ff", "01")]
    [InlineData("string", "d3ffffffffffffffff", "a0")]
    [InlineData("float64", "a130", "cb0000000000000000")]
    public void Decode_RunIdNotUnsigned_Throws(string type, string runIdHex, string valueHex)
    {
        var bytes = Bytes(0x81, Str("columns"), 0x81, Str("x"), 0x82, Str("type"), Str(type), Str("values"), 0x81,
            Convert.FromHexString(runIdHex), Convert.FromHexString(valueHex));

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Equal($"Run parameter `{type}` column run id must be uint64", e.Message);
    }

    [Fact]
    public void Decode_DuplicateRunIdInColumn_Throws()
    {
        // Run 1 twice, the second time in a wider integer form.
        var bytes = Bytes(0x81, Str("columns"), 0x81, Str("x"), 0x82, Str("type"), Str("bool"), Str("values"), 0x82,
            0x01, 0xc3, 0xcc, 0x01, 0xc2);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Contains("Duplicate run parameter value for run 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DuplicateColumn_Throws()
    {
        var column = Bytes(Str("x"), 0x82, Str("type"), Str("bool"), Str("values"), 0x80);
        var bytes = Bytes(0x81, Str("columns"), 0x82, column, column);

        var e = Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));

        Assert.Equal("Duplicate run parameter column `x`", e.Message);
    }

    [Fact]
    public void Decode_ColumnNameNotAString_Throws()
    {
        var bytes = Bytes(0x81, Str("columns"), 0x81, 0xc4, 0x01, 0x78, 0x82, Str("type"), Str("bool"), Str("values"), 0x80);

        Assert.Throws<RunParameterFormatException>(() => RunParameterTable.Decode(bytes));
    }

    // ---- rendering ----

    [Fact]
    public void Render_CommittedSnapshot_MatchesPandas()
    {
        var table = RunParameterTable.FromRuns(
        [
            Run(0, ("solver", RunParameterValue.From("scip")), ("time_limit", RunParameterValue.From(20.0))),
        ]);

        Assert.Equal(
            "       solver  time_limit\n" +
            "run_id\n" +
            "0        scip        20.0",
            table.Render([0]));
    }

    [Fact]
    public void Render_ThreeRunsSnapshot_MatchesPandas()
    {
        var table = RunParameterTable.Decode(RunParameterTable.FromRuns(
        [
            Run(0, ("solver", RunParameterValue.From("scip")), ("time_limit", RunParameterValue.From(20.0))),
            Run(1, ("solver", RunParameterValue.From("highs")), ("presolve", RunParameterValue.From(true))),
        ]).Encode());

        Assert.Equal(
            "       solver  time_limit  presolve\n" +
            "run_id\n" +
            "0        scip        20.0      <NA>\n" +
            "1       highs        <NA>      True\n" +
            "2        <NA>        <NA>      <NA>",
            table.Render([2, 0, 1]));
    }

    [Fact]
    public void Render_RunsWithoutParameters_IsPandasEmptyFrame()
    {
        var table = RunParameterTable.FromRuns([Run(0), Run(1), Run(2)]);

        Assert.Equal("Empty DataFrame\nColumns: []\nIndex: [0, 1, 2]", table.Render([0, 1, 2]));
        Assert.Equal("Empty DataFrame\nColumns: []\nIndex: []", table.Render([]));
    }

    [Fact]
    public void Render_ManyRunsWithoutParameters_ListsOneHundredIds()
    {
        var ids = Enumerable.Range(0, 101).Select(i => (ulong)i).ToList();

        var text = RunParameterTable.FromRuns([]).Render(ids);

        Assert.EndsWith(", 98, 99, ...]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AllTypesAndSpecialFloats_MatchesPandas()
    {
        // Expected text produced by pandas 1.5.3 `to_string(na_rep="<NA>")` on the same frame.
        var table = RunParameterTable.FromRuns(
        [
            Run(0, ("b", RunParameterValue.From(true)), ("f", RunParameterValue.From(double.NaN)), ("i", RunParameterValue.From(1L)), ("s", RunParameterValue.From("a"))),
            Run(1, ("b", RunParameterValue.From(false)), ("f", RunParameterValue.From(double.PositiveInfinity)), ("i", RunParameterValue.From(-5L)), ("s", RunParameterValue.From("bb"))),
            Run(3, ("f", RunParameterValue.From(double.NegativeInfinity)), ("i", RunParameterValue.From(1000000000000L)), ("s", RunParameterValue.From(new string('x', 60))), ("long_name_column", RunParameterValue.From(7L))),
            Run(4, ("f", RunParameterValue.From(-0.0)), ("s", RunParameterValue.From(string.Empty)), ("i", RunParameterValue.From(0L))),
            Run(5, ("f", RunParameterValue.From(1.0 / 3))),
            Run(6, ("f", RunParameterValue.From(1e20))),
            Run(1000, ("f", RunParameterValue.From(0.0078125)), ("s", RunParameterValue.From(" sp"))),
        ]);

        var expected = string.Join('\n',
            "            b                        f              i                                                             s  long_name_column",
            "run_id",
            "0        True                     <NA>              1                                                             a              <NA>",
            "1       False                      inf             -5                                                            bb              <NA>",
            "2        <NA>                     <NA>           <NA>                                                          <NA>              <NA>",
            "3        <NA>                     -inf  1000000000000  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx                 7",
            "4        <NA>                     -0.0              0                                                                            <NA>",
            "5        <NA>                 0.333333           <NA>                                                          <NA>              <NA>",
            "6        <NA>  100000000000000000000.0           <NA>                                                          <NA>              <NA>",
            "1000     <NA>                 0.007812           <NA>                                                            sp              <NA>");
        Assert.Equal(expected, table.Render([0, 1, 2, 3, 4, 5, 6]));
    }

    [Fact]
    public void Render_WideRunIdsAndNonAsciiText_WidensByCharacters()
    {
        // pandas counts characters (code points), not UTF-16 units.
        var table = RunParameterTable.FromRuns([Run(12345678, ("名前", RunParameterValue.From("🎉")))]);

        Assert.Equal(
            "         名前\n" +
            "run_id\n" +
            "12345678  🎉",
            table.Render([]));
    }

    // ---- values ----

    [Fact]
    public void RunParameterValue_Accessors_ReturnTheValueOfTheirKind()
    {
        Assert.True(RunParameterValue.From(true).AsBool());
        Assert.Equal(-3L, RunParameterValue.From(-3L).AsInt64());
        Assert.Equal(2.5, RunParameterValue.From(2.5).AsDouble());
        Assert.Equal("s", RunParameterValue.From("s").AsString());
        Assert.Equal(RunParameterKind.Bool, RunParameterValue.From(false).Kind);
        Assert.Equal(RunParameterKind.Int64, RunParameterValue.From(1L).Kind);
        Assert.Equal(RunParameterKind.Float64, RunParameterValue.From(1.0).Kind);
        Assert.Equal(RunParameterKind.String, RunParameterValue.From(string.Empty).Kind);
    }

    [Fact]
    public void RunParameterValue_WrongAccessor_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => RunParameterValue.From(1L).AsDouble());
        Assert.Throws<InvalidOperationException>(() => RunParameterValue.From(1.0).AsInt64());
        Assert.Throws<InvalidOperationException>(() => RunParameterValue.From("true").AsBool());
        Assert.Throws<InvalidOperationException>(() => RunParameterValue.From(true).AsString());
    }

    [Fact]
    public void RunParameterValue_NullString_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>(() => RunParameterValue.From((string)null!));

    [Fact]
    public void RunParameterValue_Equality_DistinguishesKindsAndMatchesNaN()
    {
        Assert.Equal(RunParameterValue.From(double.NaN), RunParameterValue.From(double.NaN));
        Assert.NotEqual(RunParameterValue.From(1L), RunParameterValue.From(1.0));
        Assert.NotEqual(RunParameterValue.From(true), RunParameterValue.From(1L));
    }

    [Theory]
    [InlineData(20.0, "20.0")]
    [InlineData(20.5, "20.5")]
    [InlineData(-1.25, "-1.25")]
    [InlineData(123.456, "123.456")]
    [InlineData(1.0 / 3, "0.333333")]
    [InlineData(0.0078125, "0.007812")]
    [InlineData(2.5e-6, "0.000003")]
    [InlineData(5e-7, "0.0")]
    [InlineData(5e-324, "0.0")]
    [InlineData(-1e-9, "-0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e20, "100000000000000000000.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void RunParameterValue_FloatToString_IsPandasForm(double value, string expected) =>
        Assert.Equal(expected, RunParameterValue.From(value).ToString());

    [Fact]
    public void RunParameterValue_HugeFloatToString_HasExactDigits() =>
        Assert.Equal(
            "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.0",
            RunParameterValue.From(1e300).ToString());

    [Fact]
    public void RunParameterValue_OtherKindsToString_ArePlain()
    {
        Assert.Equal("True", RunParameterValue.From(true).ToString());
        Assert.Equal("False", RunParameterValue.From(false).ToString());
        Assert.Equal("-9223372036854775808", RunParameterValue.From(long.MinValue).ToString());
        Assert.Equal("a b", RunParameterValue.From("a b").ToString());
    }

    // ---- helpers ----

    private static (ulong RunId, IReadOnlyDictionary<string, RunParameterValue> Values) Run(
        ulong runId,
        params (string Name, RunParameterValue Value)[] values) =>
        (runId, values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    private static RunParameterValue Cell(RunParameterTable table, ulong runId, string name)
    {
        Assert.True(table.TryGet(runId, name, out var value), $"no value for run {runId}, `{name}`");
        return value;
    }

    private static RunParameterValue Sample(RunParameterKind kind) => kind switch
    {
        RunParameterKind.Bool => RunParameterValue.From(true),
        RunParameterKind.Int64 => RunParameterValue.From(1L),
        RunParameterKind.Float64 => RunParameterValue.From(1.5),
        _ => RunParameterValue.From("v"),
    };

    /// <summary>A table with one column holding one cell, the cell value given as raw msgpack.</summary>
    private static byte[] SingleCell(string name, string type, byte runId, byte[] value) =>
        Bytes(0x81, Str("columns"), 0x81, Str(name), 0x82, Str("type"), Str(type), Str("values"), 0x81, runId, value);

    /// <summary>A fixstr (all strings used here are under 32 bytes).</summary>
    private static byte[] Str(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Assert.True(utf8.Length < 32);
        return [(byte)(0xa0 | utf8.Length), .. utf8];
    }

    /// <summary>Concatenates bytes (given as ints) and byte arrays.</summary>
    private static byte[] Bytes(params object[] parts)
    {
        var result = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case byte[] array:
                    result.AddRange(array);
                    break;
                case int value:
                    result.Add(checked((byte)value));
                    break;
                case byte value:
                    result.Add(value);
                    break;
                default:
                    throw new ArgumentException($"unexpected part {part}", nameof(parts));
            }
        }

        return [.. result];
    }
}
