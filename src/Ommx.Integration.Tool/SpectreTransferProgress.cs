using Ommx.Integration.Commands;
using Spectre.Console;

namespace Ommx.Integration.Tool;

/// <summary>A Spectre.Console byte progress bar with size and transfer-rate columns, for push and pull.</summary>
internal sealed class SpectreTransferProgress : ICommandProgress
{
    private readonly ManualResetEventSlim ready = new();
    private readonly ManualResetEventSlim finished = new();
    private readonly Task display;
    private ProgressTask? task;

    public SpectreTransferProgress(string description, long totalBytes)
    {
        display = Task.Run(() => AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, totalBytes));
                ready.Set();
                finished.Wait();
            }));
        ready.Wait();
    }

    public void Advance(string item)
    {
    }

    public void Transferred(long bytes) => task!.Increment(bytes);

    public void Dispose()
    {
        finished.Set();
        display.Wait();
        ready.Dispose();
        finished.Dispose();
    }
}
