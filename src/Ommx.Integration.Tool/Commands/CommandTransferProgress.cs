using Ommx.Integration.Registry;
using System.Diagnostics;
using Ommx.Integration.Distribution;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tool.Commands;

/// <summary>
/// Feeds a push or pull into the renderer's byte progress display and keeps the totals the summary
/// prints (bytes over the wire and the elapsed time, hence the rate).
/// </summary>
internal sealed class CommandTransferProgress : ITransferProgress, IDisposable
{
    private readonly ICommandRenderer renderer;
    private readonly string description;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private ICommandProgress? display;

    public CommandTransferProgress(ICommandRenderer renderer, string description)
    {
        this.renderer = renderer;
        this.description = description;
    }

    public long Bytes { get; private set; }

    public TimeSpan Elapsed => clock.Elapsed;

    public void Planned(int blobCount, long totalBytes) => display ??= renderer.BeginTransfer(description, totalBytes);

    public void Transferred(long bytes)
    {
        Bytes += bytes;
        display?.Transferred(bytes);
    }

    public void BlobDone(Descriptor blob, BlobTransfer outcome)
    {
        if (outcome is BlobTransfer.AlreadyPresent or BlobTransfer.Mounted)
        {
            // Counted as done on the bar, not as bytes moved.
            display?.Transferred(blob.Size);
        }

        display?.Advance(blob.Digest.ToString());
    }

    /// <summary>e.g. <c>1.2 MiB in 0.4 s (3.0 MiB/s)</c>.</summary>
    public string Summary()
    {
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        return $"{ByteSize.Format(Bytes)} in {seconds:0.0} s ({ByteSize.Format((long)(Bytes / seconds))}/s)";
    }

    public void Dispose()
    {
        clock.Stop();
        display?.Dispose();
        display = null;
    }
}
