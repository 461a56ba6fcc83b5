using System.Text;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Experiments;

/// <summary>
/// The run-parameter layer: typed columns (<c>name → run id → value</c>) encoded as exactly one
/// MessagePack value <c>{"columns": {name: {"type": t, "values": {run_id: v}}}}</c>, with OMMX's
/// int→float promotion and its readers' rules.
/// </summary>
public sealed class RunParameterTable
{
    private readonly SortedDictionary<string, (RunParameterKind Kind, SortedDictionary<ulong, RunParameterValue> Values)> columns =
        new(Utf8OrdinalComparer.Instance);

    private RunParameterTable()
    {
    }

    public IReadOnlyList<string> ColumnNames => [.. columns.Keys];

    /// <summary>Run ids that have at least one cell.</summary>
    public IReadOnlyCollection<ulong> RunIds => columns.Values.SelectMany(c => c.Values.Keys).Distinct().Order().ToList();

    public RunParameterKind ColumnType(string name) => columns[name].Kind;

    public bool TryGet(ulong runId, string name, out RunParameterValue value)
    {
        value = default;
        return columns.TryGetValue(name, out var column) && column.Values.TryGetValue(runId, out value);
    }

    public IReadOnlyDictionary<string, RunParameterValue> ForRun(ulong runId)
    {
        var cells = new Dictionary<string, RunParameterValue>(StringComparer.Ordinal);
        foreach (var (name, column) in columns)
        {
            if (column.Values.TryGetValue(runId, out var value))
            {
                cells[name] = value;
            }
        }

        return cells;
    }

    /// <summary>Builds the committed table: runs by ascending id, names sorted, first value fixes the type, int↔float promote to float.</summary>
    public static RunParameterTable FromRuns(IEnumerable<(ulong RunId, IReadOnlyDictionary<string, RunParameterValue> Values)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new RunParameterTable();
        foreach (var (runId, values) in runs.OrderBy(r => r.RunId))
        {
            foreach (var (name, value) in values.OrderBy(v => v.Key, Utf8OrdinalComparer.Instance))
            {
                table.Add(name, runId, value);
            }
        }

        return table;
    }

    private void Add(string name, ulong runId, RunParameterValue value)
    {
        if (!columns.TryGetValue(name, out var column))
        {
            columns[name] = (value.Kind, new SortedDictionary<ulong, RunParameterValue> { [runId] = value });
            return;
        }

        if (column.Kind == value.Kind)
        {
            column.Values[runId] = value;
        }
        else if (column.Kind == RunParameterKind.Int64 && value.Kind == RunParameterKind.Float64)
        {
            var promoted = new SortedDictionary<ulong, RunParameterValue>(column.Values.ToDictionary(p => p.Key, p => RunParameterValue.From(p.Value.ToDouble())))
            {
                [runId] = value,
            };
            columns[name] = (RunParameterKind.Float64, promoted);
        }
        else if (column.Kind == RunParameterKind.Float64 && value.Kind == RunParameterKind.Int64)
        {
            column.Values[runId] = RunParameterValue.From(value.ToDouble());
        }
        else
        {
            throw new RunParameterTypeException($"Run parameter `{name}` has mixed column types: existing {TypeName(column.Kind)}, incoming {TypeName(value.Kind)}");
        }
    }

    public byte[] Encode()
    {
        var writer = new MessagePackWriter();
        writer.MapHeader(1);
        writer.String("columns");
        writer.MapHeader(columns.Count);
        foreach (var (name, (kind, values)) in columns)
        {
            writer.String(name);
            writer.MapHeader(2);
            writer.String("type");
            writer.String(TypeName(kind));
            writer.String("values");
            writer.MapHeader(values.Count);
            foreach (var (runId, value) in values)
            {
                writer.UInt(runId);
                switch (kind)
                {
                    case RunParameterKind.Bool: writer.Bool(value.AsBool()); break;
                    case RunParameterKind.Int64: writer.Int(value.AsInt64()); break;
                    case RunParameterKind.Float64: writer.Float64(value.AsDouble()); break;
                    default: writer.String(value.AsString()); break;
                }
            }
        }

        return writer.ToArray();
    }

    public static RunParameterTable Decode(ReadOnlySpan<byte> bytes)
    {
        var table = new RunParameterTable();
        var reader = new MessagePackReader(bytes);
        var fields = reader.ReadMapHeader();
        var sawColumns = false;
        for (var f = 0; f < fields; f++)
        {
            var key = reader.ReadString();
            if (key != "columns")
            {
                throw new RunParameterFormatException($"run-parameter table contains unknown `{key}` field");
            }

            if (sawColumns)
            {
                throw new RunParameterFormatException("run-parameter table contains duplicate `columns` field");
            }

            sawColumns = true;
            var count = reader.ReadMapHeader();
            for (var c = 0; c < count; c++)
            {
                var name = reader.ReadString();
                if (table.columns.ContainsKey(name))
                {
                    throw new RunParameterFormatException($"Duplicate run parameter column `{name}`");
                }

                table.columns[name] = ReadColumn(ref reader, name);
            }
        }

        if (!sawColumns)
        {
            throw new RunParameterFormatException("run-parameter table is missing the `columns` field");
        }

        if (!reader.End)
        {
            throw new RunParameterFormatException("Run-parameter table must contain exactly one MessagePack value");
        }

        return table;
    }

    private static (RunParameterKind, SortedDictionary<ulong, RunParameterValue>) ReadColumn(ref MessagePackReader reader, string name)
    {
        var fields = reader.ReadMapHeader();
        RunParameterKind? kind = null;
        var valuesAt = default(MessagePackReader);
        var sawValues = false;
        for (var f = 0; f < fields; f++)
        {
            var key = reader.ReadString();
            switch (key)
            {
                case "type" when kind is null:
                    var typeName = reader.ReadString();
                    kind = typeName switch
                    {
                        "bool" => RunParameterKind.Bool,
                        "int64" => RunParameterKind.Int64,
                        "float64" => RunParameterKind.Float64,
                        "string" => RunParameterKind.String,
                        _ => throw new RunParameterFormatException($"Unknown run parameter column type `{typeName}`"),
                    };
                    break;
                case "values" when !sawValues:
                    // Remember where the values start; they are decoded once the type is known.
                    valuesAt = reader;
                    sawValues = true;
                    reader.Skip();
                    break;
                case "type" or "values":
                    throw new RunParameterFormatException($"Run parameter `{name}` column contains duplicate `{key}` field");
                default:
                    throw new RunParameterFormatException($"Run parameter `{name}` column contains unknown `{key}` field");
            }
        }

        if (kind is null || !sawValues)
        {
            throw new RunParameterFormatException($"Run parameter `{name}` column must contain `type` and `values`");
        }

        return (kind.Value, ReadValues(ref valuesAt, name, kind.Value));
    }

    private static SortedDictionary<ulong, RunParameterValue> ReadValues(ref MessagePackReader reader, string name, RunParameterKind kind)
    {
        var values = new SortedDictionary<ulong, RunParameterValue>();
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            if (!reader.IsInteger())
            {
                throw new RunParameterFormatException($"Run parameter `{name}` column run id must be uint64");
            }

            var id = reader.ReadInteger();
            if (id.Negative)
            {
                throw new RunParameterFormatException($"Run parameter `{name}` column run id must be uint64");
            }

            RunParameterValue value;
            switch (kind)
            {
                case RunParameterKind.Bool:
                    value = RunParameterValue.From(reader.ReadBool());
                    break;
                case RunParameterKind.Int64:
                    if (!reader.IsInteger())
                    {
                        throw new RunParameterFormatException($"Expected int64 run parameter value in `{name}`");
                    }

                    var integer = reader.ReadInteger();
                    value = integer.FitsInt64 ? RunParameterValue.From(integer.Signed) : throw new RunParameterFormatException($"Run parameter `{name}` value does not fit in int64");
                    break;
                case RunParameterKind.Float64:
                    value = RunParameterValue.From(reader.ReadFloat64());
                    break;
                default:
                    if (!reader.IsString())
                    {
                        throw new RunParameterFormatException($"Expected string run parameter value in `{name}`");
                    }

                    value = RunParameterValue.From(reader.ReadString());
                    break;
            }

            if (!values.TryAdd(id.Magnitude, value))
            {
                throw new RunParameterFormatException($"Run parameter `{name}` column contains run id {id.Magnitude} more than once");
            }
        }

        return values;
    }

    internal static string TypeName(RunParameterKind kind) => kind switch
    {
        RunParameterKind.Bool => "bool",
        RunParameterKind.Int64 => "int64",
        RunParameterKind.Float64 => "float64",
        _ => "string",
    };

    /// <summary>
    /// The table as pandas prints <c>df.to_string(na_rep="&lt;NA&gt;")</c>: index <c>run_id</c> over the given
    /// runs (plus any with cells), columns in first-appearance order, right-aligned, trailing spaces stripped.
    /// </summary>
    public string Render(IEnumerable<ulong> runIds)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var ids = runIds.Concat(RunIds).Distinct().Order().ToList();
        var order = new List<string>();
        foreach (var id in ids)
        {
            foreach (var (name, column) in columns)
            {
                if (column.Values.ContainsKey(id) && !order.Contains(name))
                {
                    order.Add(name);
                }
            }
        }

        // pandas: values carry a leading space, numeric (bool/int/float) headers too; columns are
        // right-justified to the widest of header and values and joined by one space; the index is
        // left-justified.
        var cells = order.ToDictionary(name => name, name => ids.Select(id => " " + (columns[name].Values.TryGetValue(id, out var v) ? Format(columns[name], v) : "<NA>")).ToList());
        var headers = order.ToDictionary(name => name, name => (columns[name].Kind == RunParameterKind.String ? string.Empty : " ") + name);
        var indexWidth = Math.Max("run_id".Length, ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length).DefaultIfEmpty(0).Max());
        var widths = order.ToDictionary(n => n, n => Math.Max(headers[n].Length, cells[n].Select(c => c.Length).DefaultIfEmpty(0).Max()));
        var sb = new StringBuilder();
        Line(new string(' ', indexWidth) + string.Concat(order.Select(n => " " + headers[n].PadLeft(widths[n]))));
        Line("run_id");
        for (var row = 0; row < ids.Count; row++)
        {
            Line(ids[row].ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(indexWidth)
                + string.Concat(order.Select(n => " " + cells[n][row].PadLeft(widths[n]))));
        }

        return sb.ToString();

        void Line(string text) => sb.Append(text.TrimEnd()).Append('\n');
    }

    private static string Format((RunParameterKind Kind, SortedDictionary<ulong, RunParameterValue> Values) column, RunParameterValue value)
    {
        if (column.Kind != RunParameterKind.Float64 || !double.IsFinite(value.AsDouble()))
        {
            return value.ToString();
        }

        var decimals = Math.Clamp(column.Values.Values.Where(v => double.IsFinite(v.AsDouble())).Select(v => Decimals(v.AsDouble())).DefaultIfEmpty(1).Max(), 1, 6);
        return value.AsDouble().ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Decimals(double value)
    {
        var s = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || s.Contains('E', StringComparison.Ordinal) ? 1 : s.Length - dot - 1;
    }
}
