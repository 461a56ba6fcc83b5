namespace Ommx.Integration.Tool.Commands;

/// <summary>Plain text: <c>{label,12} {message}</c> status lines, space-aligned tables, no progress display.</summary>
internal sealed class PlainCommandRenderer : ICommandRenderer
{
    public static readonly PlainCommandRenderer Instance = new();

    public void Status(TextWriter output, string label, string message, StatusTone tone)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(StatusLine.Format(label, message));
    }

    public void Table(TextWriter output, CommandTable table)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        foreach (var line in table.ToPlainLines())
        {
            output.WriteLine(line);
        }
    }

    public ICommandProgress BeginProgress(string description, int total) => NoProgress.Instance;

    private sealed class NoProgress : ICommandProgress
    {
        public static readonly NoProgress Instance = new();

        public void Advance(string item)
        {
        }

        public void Dispose()
        {
        }
    }
}
