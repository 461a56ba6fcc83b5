namespace Ommx.Integration.Tool.Commands;

/// <summary>OMMX's status line: <c>format!("{label:>12} {message}")</c>.</summary>
internal static class StatusLine
{
    public const int LabelWidth = 12;

    public static string Format(string label, string message)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.PadLeft(LabelWidth) + " " + message;
    }
}
