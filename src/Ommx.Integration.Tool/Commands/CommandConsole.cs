namespace Ommx.Integration.Tool.Commands;

/// <summary>Where a command writes: standard output, standard error and the renderer for both.</summary>
internal sealed class CommandConsole
{
    public CommandConsole(TextWriter output, TextWriter error, ICommandRenderer? renderer = null)
    {
        Out = output ?? throw new ArgumentNullException(nameof(output));
        Error = error ?? throw new ArgumentNullException(nameof(error));
        Renderer = renderer ?? PlainCommandRenderer.Instance;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public ICommandRenderer Renderer { get; }

    public void Status(string label, string message, StatusTone tone = StatusTone.Normal) => Renderer.Status(Out, label, message, tone);

    /// <summary>A detail line under a status line (OMMX indents these by two spaces).</summary>
    public void Detail(string text) => Out.WriteLine("  " + text);

    public void Line(string text) => Out.WriteLine(text);

    public void Table(CommandTable table) => Renderer.Table(Out, table);

    public void Warning(string message) => Error.WriteLine("warning: " + message);

    public void Fail(string message) => Error.WriteLine("Error: " + message);
}
