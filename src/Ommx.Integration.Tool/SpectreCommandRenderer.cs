using Ommx.Integration.Tool.Commands;
using Spectre.Console;

namespace Ommx.Integration.Tool;

/// <summary>Terminal rendering: coloured status labels, bordered tables cut to the terminal width, progress bars.</summary>
internal sealed class SpectreCommandRenderer : ICommandRenderer
{
    public void Status(TextWriter output, string label, string message, StatusTone tone)
    {
        var colour = tone switch
        {
            StatusTone.Good => "green",
            StatusTone.Warning => "yellow",
            StatusTone.Bad => "red",
            _ => "cyan",
        };
        AnsiConsole.MarkupLine($"[bold {colour}]{Markup.Escape(label.PadLeft(StatusLine.LabelWidth))}[/] {Markup.Escape(message)}");
    }

    public void Table(TextWriter output, CommandTable table)
    {
        if (table.Preformatted is not null)
        {
            WritePreformatted(table);
            return;
        }

        var spectre = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(table.Headers[i]));
            spectre.AddColumn(table.Alignments[i] == ColumnAlignment.Right ? column.RightAligned() : column);
        }

        foreach (var row in table.Rows)
        {
            spectre.AddRow(row.Select(cell => new Text(cell)).ToArray<Spectre.Console.Rendering.IRenderable>());
        }

        AnsiConsole.Write(spectre);
    }

    public ICommandProgress BeginProgress(string description, int total) =>
        total < 2 ? PlainCommandRenderer.Instance.BeginProgress(description, total) : SpectreProgress.Steps(description, total);

    public ICommandProgress BeginTransfer(string description, long totalBytes) =>
        totalBytes < 1 ? PlainCommandRenderer.Instance.BeginProgress(description, 0) : SpectreProgress.Bytes(description, totalBytes);

    /// <summary>Wide pre-laid-out tables are cut at the terminal's width, with a note on how to see all of it.</summary>
    private static void WritePreformatted(CommandTable table)
    {
        var width = Math.Max(20, AnsiConsole.Profile.Width);
        var cut = false;
        foreach (var line in table.ToPlainLines())
        {
            if (CommandTable.TextWidth(line) > width)
            {
                cut = true;
                AnsiConsole.WriteLine(string.Concat(line.EnumerateRunes().Take(width - 1)) + "…");
            }
            else
            {
                AnsiConsole.WriteLine(line);
            }
        }

        if (cut)
        {
            AnsiConsole.MarkupLine("[grey](lines cut at the terminal width; --json shows everything)[/]");
        }
    }
}
