namespace Ommx.Integration.Commands;

/// <summary>How a status line should stand out where colour is available.</summary>
public enum StatusTone
{
    Normal,
    Good,
    Warning,
    Bad,
}
