namespace Ommx.Integration.Tool.Commands;

/// <summary>How a status line should stand out where colour is available.</summary>
internal enum StatusTone
{
    Normal,
    Good,
    Warning,
    Bad,
}
