namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// Renders status lines, tables and progress. <see cref="PlainCommandRenderer"/> writes plain text (what
/// scripts, pipes and tests see); a terminal front end can supply colours, boxed tables and progress bars.
/// </summary>
internal interface ICommandRenderer
{
    /// <summary>Writes one status line: the label right-aligned in 12 columns, a space, the message.</summary>
    void Status(TextWriter output, string label, string message, StatusTone tone);

    void Table(TextWriter output, CommandTable table);

    ICommandProgress BeginProgress(string description, int total);

    /// <summary>A byte-based progress display (push, pull) that can show sizes and rates; plain output shows none.</summary>
    ICommandProgress BeginTransfer(string description, long totalBytes) => BeginProgress(description, 0);
}
