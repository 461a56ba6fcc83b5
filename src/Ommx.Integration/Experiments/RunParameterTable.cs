using System.Globalization;
using System.Text;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>
/// The committed run-parameter table: typed columns keyed by parameter name, each mapping run ids to
/// values. It is built from the runs' logged values (<see cref="FromRuns"/>), stored as one
/// MessagePack value (<see cref="Encode"/>, <see cref="Decode"/>) and shown as pandas shows
/// <c>run_parameters_df()</c> (<see cref="Render"/>).
/// </summary>
internal sealed class RunParameterTable
{
    private const string ExactlyOneValue = "Run-parameter table must contain exactly one MessagePack value";
    private const string NaRep = "<NA>";
    private const int PandasMaxSequenceItems = 100;

    private readonly SortedDictionary<string, RunParameterKind> _types;
    private readonly Dictionary<string, SortedDictionary<ulong, RunParameterValue>> _cells;
    private readonly string[] _names;
    private readonly ulong[] _runIds;

    private RunParameterTable(
        SortedDictionary<string, RunParameterKind> types,
        Dictionary<string, SortedDictionary<ulong, RunParameterValue>> cells)
    {
        _types = types;
        _cells = cells;
        _names = [.. types.Keys];
        _runIds = [.. new SortedSet<ulong>(cells.Values.SelectMany(column => column.Keys))];
    }

    /// <summary>Column names in UTF-8 byte order.</summary>
    public IReadOnlyList<string> ColumnNames => _names;

    /// <summary>Run ids that have at least one value, ascending.</summary>
    public IReadOnlyCollection<ulong> RunIds => _runIds;

    /// <summary>
    /// Builds the table as a commit does: runs by ascending id, each run's names in sorted order; the
    /// first value fixes a column's type, an int64 column meeting a float64 value becomes float64
    /// (its integers cast), a float64 column casts incoming int64 values, and any other mix fails.
    /// </summary>
    /// <exception cref="RunParameterTypeException">A name carries values of incompatible types.</exception>
    public static RunParameterTable FromRuns(
        IEnumerable<(ulong RunId, IReadOnlyDictionary<string, RunParameterValue> Values)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var types = new Dictionary<string, RunParameterKind>(StringComparer.Ordinal);
        var cells = new Dictionary<string, SortedDictionary<ulong, RunParameterValue>>(StringComparer.Ordinal);
        var seenRuns = new HashSet<ulong>();
        foreach (var (runId, values) in runs.OrderBy(run => run.RunId))
        {
            ArgumentNullException.ThrowIfNull(values, nameof(runs));
            if (!seenRuns.Add(runId))
            {
                throw new ArgumentException($"Run {runId} appears more than once", nameof(runs));
            }

            // Names in any order: each column is settled on its own; only which of several mixed columns an error names
            // would depend on it, so that case alone sorts them first.
            foreach (var (name, value) in values)
            {
                if (!types.TryGetValue(name, out var columnType))
                {
                    types.Add(name, value.Kind);
                    cells.Add(name, new SortedDictionary<ulong, RunParameterValue> { [runId] = value });
                    continue;
                }

                var column = cells[name];
                if (columnType == value.Kind)
                {
                    column[runId] = value;
                }
                else if (columnType == RunParameterKind.Int64 && value.Kind == RunParameterKind.Float64)
                {
                    foreach (var existingRun in column.Keys.ToList())
                    {
                        column[existingRun] = RunParameterValue.From((double)column[existingRun].AsInt64());
                    }

                    types[name] = RunParameterKind.Float64;
                    column[runId] = value;
                }
                else if (columnType == RunParameterKind.Float64 && value.Kind == RunParameterKind.Int64)
                {
                    column[runId] = RunParameterValue.From((double)value.AsInt64());
                }
                else
                {
                    throw FirstMixedColumn(types, values);
                }
            }
        }

        return new RunParameterTable(new SortedDictionary<string, RunParameterKind>(types, Utf8OrdinalComparer.Instance), cells);
    }

    private static bool IsNumericWidening(RunParameterKind column, RunParameterKind incoming) =>
        (column, incoming) is (RunParameterKind.Int64, RunParameterKind.Float64) or (RunParameterKind.Float64, RunParameterKind.Int64);

    /// <summary>
    /// The mixed-type error for the first offending name of a Run in byte order, as when its names were taken sorted (the
    /// caller met one offending name, so there is a first).
    /// </summary>
    private static RunParameterTypeException FirstMixedColumn(Dictionary<string, RunParameterKind> types, IReadOnlyDictionary<string, RunParameterValue> values)
    {
        foreach (var name in values.Keys.Order(Utf8OrdinalComparer.Instance))
        {
            var kind = values[name].Kind;
            if (types.TryGetValue(name, out var columnType) && columnType != kind && !IsNumericWidening(columnType, kind))
            {
                return new RunParameterTypeException(
                    $"Run parameter `{name}` has mixed column types: existing {RunParameterValue.TypeName(columnType)}, " +
                    $"incoming {RunParameterValue.TypeName(kind)}");
            }
        }

        throw new System.Diagnostics.UnreachableException("a Run with a mixed column has a first mixed column");
    }

    /// <summary>The type of column <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such column.</exception>
    public RunParameterKind ColumnType(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _types.TryGetValue(name, out var kind)
            ? kind
            : throw new KeyNotFoundException($"No run parameter column `{name}`");
    }

    /// <summary>The value of parameter <paramref name="name"/> in run <paramref name="runId"/>, if any.</summary>
    public bool TryGet(ulong runId, string name, out RunParameterValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_cells.TryGetValue(name, out var column) && column.TryGetValue(runId, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every value run <paramref name="runId"/> has, by name in UTF-8 byte order (empty when none).</summary>
    public IReadOnlyDictionary<string, RunParameterValue> ForRun(ulong runId)
    {
        var values = new SortedDictionary<string, RunParameterValue>(Utf8OrdinalComparer.Instance);
        foreach (var name in _names)
        {
            if (_cells[name].TryGetValue(runId, out var value))
            {
                values.Add(name, value);
            }
        }

        return values;
    }

    /// <summary>
    /// The table as one MessagePack value, byte for byte as the OMMX SDK writes it: columns by name,
    /// run ids ascending, <c>type</c> before <c>values</c>, compact integers and headers, float64 floats.
    /// </summary>
    public byte[] Encode()
    {
        var writer = new MessagePackWriter();
        writer.WriteMapHeader(1);
        writer.WriteString("columns");
        writer.WriteMapHeader(_names.Length);
        foreach (var name in _names)
        {
            var kind = _types[name];
            var column = _cells[name];
            writer.WriteString(name);
            writer.WriteMapHeader(2);
            writer.WriteString("type");
            writer.WriteString(RunParameterValue.TypeName(kind));
            writer.WriteString("values");
            writer.WriteMapHeader(column.Count);
            foreach (var (runId, value) in column)
            {
                writer.WriteUInt64(runId);
                switch (kind)
                {
                    case RunParameterKind.Bool:
                        writer.WriteBool(value.AsBool());
                        break;
                    case RunParameterKind.Int64:
                        writer.WriteInt64(value.AsInt64());
                        break;
                    case RunParameterKind.Float64:
                        writer.WriteFloat64(value.AsDouble());
                        break;
                    default:
                        writer.WriteString(value.AsString());
                        break;
                }
            }
        }

        return writer.ToArray();
    }

    /// <summary>Reads a table written by <see cref="Encode"/> or by the OMMX SDK; map order does not matter.</summary>
    /// <exception cref="RunParameterFormatException">The bytes are not a valid run-parameter table.</exception>
    public static RunParameterTable Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new RunParameterFormatException(ExactlyOneValue);
        }

        var reader = new MessagePackReader(bytes.ToArray());
        try
        {
            var table = ReadTable(reader);
            if (!reader.End)
            {
                throw new RunParameterFormatException(ExactlyOneValue);
            }

            return table;
        }
        catch (InvalidDataException e)
        {
            throw new RunParameterFormatException($"Invalid run-parameter table: {e.Message}", e);
        }
    }

    /// <summary>
    /// The text of pandas <c>run_parameters_df().to_string(na_rep="&lt;NA&gt;")</c> with trailing spaces
    /// removed from every line. The index is the sorted union of <paramref name="runIds"/> (normally
    /// every closed run) and the runs holding values; columns appear in the order runs first use them.
    /// With no columns pandas prints its <c>Empty DataFrame</c> summary instead.
    /// </summary>
    public string Render(IEnumerable<ulong> runIds)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var index = new SortedSet<ulong>(runIds);
        index.UnionWith(_runIds);

        var order = _names
            .Select((name, position) => (Name: name, First: _cells[name].Keys.FirstOrDefault(), Position: position, Any: _cells[name].Count > 0))
            .Where(column => column.Any)
            .OrderBy(column => column.First)
            .ThenBy(column => column.Position)
            .Select(column => column.Name)
            .ToList();

        if (order.Count == 0)
        {
            var shown = index.Take(PandasMaxSequenceItems).Select(id => id.ToString(CultureInfo.InvariantCulture));
            var more = index.Count > PandasMaxSequenceItems ? ", ..." : string.Empty;
            return $"Empty DataFrame\nColumns: []\nIndex: [{string.Join(", ", shown)}{more}]";
        }

        var ids = index.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var indexWidth = Math.Max("run_id".Length, ids.Max(id => id.Length));
        var lines = new StringBuilder[ids.Count + 2];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = new StringBuilder();
        }

        lines[0].Append(' ', indexWidth);
        lines[1].Append("run_id".PadRight(indexWidth));
        for (var row = 0; row < ids.Count; row++)
        {
            lines[row + 2].Append(ids[row].PadRight(indexWidth));
        }

        foreach (var name in order)
        {
            var kind = _types[name];
            var column = _cells[name];
            var header = kind == RunParameterKind.String ? name : " " + name;
            var cells = index.Select(id => column.TryGetValue(id, out var value) ? RenderCell(value) : " " + NaRep).ToList();
            var width = Math.Max(DisplayLength(header), cells.Max(DisplayLength));
            AppendRightAligned(lines[0], header, width);
            AppendRightAligned(lines[1], string.Empty, width);
            for (var row = 0; row < cells.Count; row++)
            {
                AppendRightAligned(lines[row + 2], cells[row], width);
            }
        }

        return string.Join('\n', lines.Select(line => line.ToString().TrimEnd(' ')));
    }

    /// <summary>A cell as pandas' generic formatter prints it with a leading space (floats: sign or space).</summary>
    private static string RenderCell(RunParameterValue value) => value.Kind switch
    {
        RunParameterKind.Float64 when double.IsNaN(value.AsDouble()) => " " + NaRep,
        RunParameterKind.Float64 => RunParameterValue.FormatFloat(value.AsDouble(), leadingSpace: true),
        _ => " " + value,
    };

    private static void AppendRightAligned(StringBuilder line, string text, int width) =>
        line.Append(' ').Append(' ', width - DisplayLength(text)).Append(text);

    /// <summary>Length in Unicode scalar values, as Python's <c>len</c> counts.</summary>
    private static int DisplayLength(string text) => text.EnumerateRunes().Count();

    private static RunParameterTable ReadTable(MessagePackReader reader)
    {
        if (!reader.NextIsMap())
        {
            throw new RunParameterFormatException("Run-parameter table must be a MessagePack map");
        }

        var types = new SortedDictionary<string, RunParameterKind>(Utf8OrdinalComparer.Instance);
        var cells = new Dictionary<string, SortedDictionary<ulong, RunParameterValue>>(StringComparer.Ordinal);
        var sawColumns = false;
        var fields = reader.ReadMapHeader();
        for (var i = 0; i < fields; i++)
        {
            var key = ReadKey(reader, "Run-parameter table field name");
            if (key != "columns")
            {
                throw new RunParameterFormatException($"run-parameter table contains unknown `{key}` field");
            }

            if (sawColumns)
            {
                throw new RunParameterFormatException("run-parameter table contains duplicate `columns` field");
            }

            sawColumns = true;
            ReadColumns(reader, types, cells);
        }

        if (!sawColumns)
        {
            throw new RunParameterFormatException("run-parameter table is missing the `columns` field");
        }

        return new RunParameterTable(types, cells);
    }

    private static void ReadColumns(
        MessagePackReader reader,
        SortedDictionary<string, RunParameterKind> types,
        Dictionary<string, SortedDictionary<ulong, RunParameterValue>> cells)
    {
        if (!reader.NextIsMap())
        {
            throw new RunParameterFormatException("run-parameter table `columns` must be a MessagePack map");
        }

        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            var name = ReadKey(reader, "Run parameter column name");
            if (types.ContainsKey(name))
            {
                throw new RunParameterFormatException($"Duplicate run parameter column `{name}`");
            }

            var (kind, values) = ReadColumn(reader, name);
            types.Add(name, kind);
            cells.Add(name, values);
        }
    }

    private static (RunParameterKind Kind, SortedDictionary<ulong, RunParameterValue> Values) ReadColumn(
        MessagePackReader reader,
        string name)
    {
        if (!reader.NextIsMap())
        {
            throw new RunParameterFormatException($"Run parameter column `{name}` must be a MessagePack map");
        }

        RunParameterKind? kind = null;
        int? valuesAt = null;
        var fields = reader.ReadMapHeader();
        for (var i = 0; i < fields; i++)
        {
            var key = ReadKey(reader, $"Run parameter column `{name}` field name");
            switch (key)
            {
                case "type":
                    if (kind is not null)
                    {
                        throw new RunParameterFormatException($"run-parameter column `{name}` contains duplicate `type` field");
                    }

                    var typeName = ReadKey(reader, $"Run parameter column `{name}` type");
                    kind = typeName switch
                    {
                        "bool" => RunParameterKind.Bool,
                        "int64" => RunParameterKind.Int64,
                        "float64" => RunParameterKind.Float64,
                        "string" => RunParameterKind.String,
                        _ => throw new RunParameterFormatException($"Unknown run parameter column type `{typeName}`"),
                    };
                    break;
                case "values":
                    if (valuesAt is not null)
                    {
                        throw new RunParameterFormatException($"run-parameter column `{name}` contains duplicate `values` field");
                    }

                    if (!reader.NextIsMap())
                    {
                        throw new RunParameterFormatException($"Run parameter column `{name}` values must be a MessagePack map");
                    }

                    // The type may come later, so remember where the values are and read them after.
                    valuesAt = reader.Position;
                    reader.Skip();
                    break;
                default:
                    throw new RunParameterFormatException($"run-parameter column `{name}` contains unknown `{key}` field");
            }
        }

        if (kind is not { } columnKind)
        {
            throw new RunParameterFormatException($"Run parameter column `{name}` is missing the `type` field");
        }

        if (valuesAt is not { } start)
        {
            throw new RunParameterFormatException($"Run parameter column `{name}` is missing the `values` field");
        }

        var end = reader.Position;
        reader.Position = start;
        var values = ReadValues(reader, name, columnKind);
        reader.Position = end;
        return (columnKind, values);
    }

    private static SortedDictionary<ulong, RunParameterValue> ReadValues(
        MessagePackReader reader,
        string name,
        RunParameterKind kind)
    {
        var typeName = RunParameterValue.TypeName(kind);
        var values = new SortedDictionary<ulong, RunParameterValue>();
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            if (!reader.NextIsInteger())
            {
                throw new RunParameterFormatException($"Run parameter `{typeName}` column run id must be uint64");
            }

            var id = reader.ReadInteger();
            if (id < 0)
            {
                throw new RunParameterFormatException($"Run parameter `{typeName}` column run id must be uint64");
            }

            var runId = (ulong)id;
            var value = ReadValue(reader, kind, typeName, name, runId);
            if (!values.TryAdd(runId, value))
            {
                throw new RunParameterFormatException($"Duplicate run parameter value for run {runId} in column `{name}`");
            }
        }

        return values;
    }

    private static RunParameterValue ReadValue(
        MessagePackReader reader,
        RunParameterKind kind,
        string typeName,
        string name,
        ulong runId)
    {
        switch (kind)
        {
            case RunParameterKind.Bool when reader.NextIsBool():
                return RunParameterValue.From(reader.ReadBool());
            case RunParameterKind.Int64 when reader.NextIsInteger():
                var integer = reader.ReadInteger();
                if (integer < long.MinValue || integer > long.MaxValue)
                {
                    throw new RunParameterFormatException(
                        $"Expected int64 run parameter value for run {runId} in column `{name}`: {integer} does not fit in int64");
                }

                return RunParameterValue.From((long)integer);
            case RunParameterKind.Float64 when reader.NextIsFloat64():
                return RunParameterValue.From(reader.ReadFloat());
            case RunParameterKind.String when reader.NextIsString():
                return RunParameterValue.From(reader.ReadString());
            default:
                throw new RunParameterFormatException(
                    $"Expected {typeName} run parameter value for run {runId} in column `{name}`");
        }
    }

    private static string ReadKey(MessagePackReader reader, string what) =>
        reader.NextIsString()
            ? reader.ReadString()
            : throw new RunParameterFormatException($"{what} must be a MessagePack string");
}
