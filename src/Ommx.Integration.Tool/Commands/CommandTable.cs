using System.Text;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// A table of text cells. Plain rendering pads each column to its widest cell, separates columns with
/// two spaces and trims trailing spaces; terminal renderers may draw borders and truncate.
/// </summary>
internal sealed class CommandTable
{
    private readonly List<IReadOnlyList<string>> rows = [];

    public CommandTable(params (string Header, ColumnAlignment Alignment)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Headers = columns.Select(c => c.Header).ToList();
        Alignments = columns.Select(c => c.Alignment).ToList();
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<ColumnAlignment> Alignments { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows => rows;

    /// <summary>
    /// Text already laid out as a table (the pandas form of the run-parameter table); renderers print it
    /// as is, or cut lines that are wider than a terminal.
    /// </summary>
    public string? Preformatted { get; private init; }

    /// <summary>Leading spaces before every plain line.</summary>
    public int Indent { get; init; }

    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Headers.Count)
        {
            throw new ArgumentException($"Expected {Headers.Count} cells, got {cells.Length}", nameof(cells));
        }

        rows.Add(cells);
    }

    public static CommandTable FromPreformatted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CommandTable() { Preformatted = text };
    }

    public IEnumerable<string> ToPlainLines()
    {
        if (Preformatted is not null)
        {
            foreach (var line in Preformatted.Split('\n'))
            {
                yield return new string(' ', Indent) + line;
            }

            yield break;
        }

        var widths = Headers.Select((h, i) => rows.Select(r => TextWidth(r[i])).Append(TextWidth(h)).Max()).ToList();
        yield return Line(Headers, widths);
        foreach (var row in rows)
        {
            yield return Line(row, widths);
        }
    }

    private string Line(IReadOnlyList<string> cells, List<int> widths)
    {
        var line = new StringBuilder().Append(' ', Indent);
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            var pad = widths[i] - TextWidth(cells[i]);
            if (Alignments[i] == ColumnAlignment.Right)
            {
                line.Append(' ', pad).Append(cells[i]);
            }
            else
            {
                line.Append(cells[i]).Append(' ', pad);
            }
        }

        return line.ToString().TrimEnd(' ');
    }

    /// <summary>Length in Unicode scalar values.</summary>
    public static int TextWidth(string text) => (text ?? string.Empty).EnumerateRunes().Count();
}
