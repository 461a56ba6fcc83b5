namespace Ommx.Integration.Tool.Commands;

/// <summary>A running progress display for long work (one step per item, or bytes for transfers).</summary>
internal interface ICommandProgress : IDisposable
{
    void Advance(string item);

    /// <summary>Bytes moved by a transfer started with <see cref="ICommandRenderer.BeginTransfer"/>.</summary>
    void Transferred(long bytes)
    {
    }
}
