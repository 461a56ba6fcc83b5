using System.Globalization;
using System.Text;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Experiments;
using Ommx.Integration.Reporting;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// The run-parameter table as <c>ommx inspect</c> shows it: one line per Run (id and status first), then the
/// columns that identify a test case (<c>test.method</c>, <c>test.outcome</c>), then the user's parameters
/// in the order they were first logged, then <c>test.duration_seconds</c>, traits and the remaining
/// <c>test.*</c> columns. A value not logged in a Run shows as <c>-</c>; a logged NaN as <c>NaN</c>.
/// Columns that do not fit the width are left out and named (<see cref="Omitted"/>), unless chosen; a
/// narrower column further on still gets the room a wide one left.
/// </summary>
internal sealed class RunParameterGrid
{
    public const string Missing = "-";
    private const int MaxCellWidth = 32;
    private const string Gap = "  ";

    private RunParameterGrid(IReadOnlyList<string> lines, IReadOnlyList<string> shown, IReadOnlyList<string> omitted, bool hasMissing)
    {
        Lines = lines;
        Shown = shown;
        Omitted = omitted;
        HasMissing = hasMissing;
    }

    /// <summary>Header and one line per Run, laid out with two spaces between columns.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The parameter columns shown, in order.</summary>
    public IReadOnlyList<string> Shown { get; }

    /// <summary>Parameter columns left out because they did not fit, in display order.</summary>
    public IReadOnlyList<string> Omitted { get; }

    /// <summary>Some shown cell is a value that Run did not log.</summary>
    public bool HasMissing { get; }

    /// <summary>Every parameter name, in display order (the order every rendering shares, <see cref="RunColumnOrder"/>).</summary>
    public static IReadOnlyList<string> ColumnOrder(IEnumerable<RunRecord> runs) =>
        RunColumnOrder.Of(runs.OrderBy(r => r.Id).Select(r => (IReadOnlyDictionary<string, RunParameterValue>)r.Parameters));

    /// <summary>
    /// Lays out <paramref name="runs"/>. With <paramref name="chosen"/> exactly those columns are shown, in that
    /// order and whatever the width; otherwise columns are added in display order while lines stay within
    /// <paramref name="width"/> characters (<paramref name="indent"/> included).
    /// </summary>
    /// <exception cref="CommandUsageException">A chosen column does not exist.</exception>
    public static RunParameterGrid Build(IReadOnlyCollection<RunRecord> runs, int width, int indent, IReadOnlyList<string>? chosen)
    {
        var order = ColumnOrder(runs);
        if (chosen is not null)
        {
            foreach (var name in chosen.Where(n => !order.Contains(n, StringComparer.Ordinal)))
            {
                var known = order.Count == 0 ? "this Experiment has no run parameters" : "its columns: " + string.Join(", ", order);
                throw new CommandUsageException($"--columns: no run parameter `{name}`; {known}.{NameSuggestions.DidYouMean(name, order)}");
            }
        }

        var sorted = runs.OrderBy(r => r.Id).ToList();
        var fixedColumns = new List<RunParameterGridColumn>
        {
            new RunParameterGridColumn("RUN", sorted.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList(), RightAligned: true),
            new RunParameterGridColumn("STATUS", sorted.Select(r => StatusText.Of(r.Status)).ToList(), RightAligned: false),
        };
        var used = fixedColumns.Sum(c => c.Width) + Gap.Length + indent;
        var shown = new List<RunParameterGridColumn>();
        var omitted = new List<string>();
        foreach (var name in chosen ?? order)
        {
            var column = ParameterColumn(name, sorted);
            if (chosen is null && used + Gap.Length + column.Width > width)
            {
                omitted.Add(name);
                continue;
            }

            shown.Add(column);
            used += Gap.Length + column.Width;
        }

        var all = fixedColumns.Concat(shown).ToList();
        var lines = new List<string> { Line(all, row: -1) };
        lines.AddRange(sorted.Select((_, row) => Line(all, row)));
        var hasMissing = shown.Any(c => c.Cells.Contains(Missing, StringComparer.Ordinal));
        return new RunParameterGrid(lines, shown.Select(c => c.Header).ToList(), omitted, hasMissing);
    }

    private static RunParameterGridColumn ParameterColumn(string name, IReadOnlyList<RunRecord> runs)
    {
        var values = runs.Select(r => r.Parameters.TryGetValue(name, out var v) ? v : (RunParameterValue?)null).ToList();
        var numeric = values.All(v => v is null || v.Value.Kind is RunParameterKind.Int64 or RunParameterKind.Float64);
        return new RunParameterGridColumn(Cut(name), values.Select(v => v is { } value ? Cell(value) : Missing).ToList(), numeric);
    }

    /// <summary>A value as <c>inspect --run</c> prints it; strings that would read as "missing" or as nothing are quoted.</summary>
    private static string Cell(RunParameterValue value)
    {
        var text = value.ToString();
        return value.Kind == RunParameterKind.String && (text.Length == 0 || text == Missing) ? $"\"{text}\"" : Cut(text);
    }

    private static string Cut(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return CommandTable.TextWidth(text) <= MaxCellWidth ? text : string.Concat(text.EnumerateRunes().Take(MaxCellWidth - 1)) + "…";
    }

    private static string Line(IReadOnlyList<RunParameterGridColumn> columns, int row)
    {
        var line = new StringBuilder();
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                line.Append(Gap);
            }

            var column = columns[i];
            var text = row < 0 ? column.Header : column.Cells[row];
            var pad = column.Width - CommandTable.TextWidth(text);
            if (column.RightAligned)
            {
                line.Append(' ', pad).Append(text);
            }
            else
            {
                line.Append(text).Append(' ', pad);
            }
        }

        return line.ToString().TrimEnd(' ');
    }
}
