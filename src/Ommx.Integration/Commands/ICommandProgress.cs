namespace Ommx.Integration.Commands;

/// <summary>A running progress display for long work (one step per item).</summary>
public interface ICommandProgress : IDisposable
{
    void Advance(string item);
}
