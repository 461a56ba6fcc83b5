namespace Ommx.Integration.Tool.Commands;

internal enum ColumnAlignment
{
    Left,
    Right,
}
