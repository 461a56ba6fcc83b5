namespace Ommx.Integration.Tool.Commands;

/// <summary>One column of a <see cref="RunParameterGrid"/>: header, one cell per Run, and how it aligns.</summary>
internal sealed record RunParameterGridColumn(string Header, IReadOnlyList<string> Cells, bool RightAligned)
{
    public int Width { get; } = Math.Max(CommandTable.TextWidth(Header), Cells.Count == 0 ? 0 : Cells.Max(CommandTable.TextWidth));
}
