namespace Ommx.Integration.Commands;

public enum ColumnAlignment
{
    Left,
    Right,
}
