using System.Text;

namespace Ommx.Integration.MSBuild;

/// <summary>A text writer that hands each completed line to a callback (an MSBuild logger).</summary>
internal sealed class LogLineWriter(Action<string> writeLine) : TextWriter
{
    private readonly StringBuilder pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
        }
        else if (value != '\r')
        {
            pending.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Flush();
    }

    public override void Flush()
    {
        writeLine(pending.ToString());
        pending.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && pending.Length > 0)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
