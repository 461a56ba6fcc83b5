using Ommx.Integration.Tool.Commands;
using Spectre.Console;

namespace Ommx.Integration.Tool;

/// <summary>
/// A Spectre.Console progress bar driven from the command's loop: counted steps (<see cref="Steps"/>, one per
/// <see cref="Advance"/>) or bytes (<see cref="Bytes"/>, size and transfer-rate columns, for push and pull).
/// </summary>
internal sealed class SpectreProgress : ICommandProgress
{
    private readonly ManualResetEventSlim ready = new();
    private readonly ManualResetEventSlim finished = new();
    private readonly Task display;
    private readonly bool countsSteps;
    private ProgressTask? task;

    private SpectreProgress(string description, double maxValue, bool countsSteps, ProgressColumn[] columns)
    {
        this.countsSteps = countsSteps;
        display = Task.Run(() => AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(columns)
            .Start(context =>
            {
                task = context.AddTask(Markup.Escape(description), maxValue: maxValue);
                ready.Set();
                finished.Wait();
            }));
        ready.Wait();
    }

    public static SpectreProgress Steps(string description, int total) =>
        new(description, total, countsSteps: true, [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()]);

    public static SpectreProgress Bytes(string description, long totalBytes) =>
        new(description, Math.Max(1, totalBytes), countsSteps: false,
            [new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn()]);

    public void Advance(string item)
    {
        if (countsSteps)
        {
            task!.Increment(1);
        }
    }

    public void Transferred(long bytes)
    {
        if (!countsSteps)
        {
            task!.Increment(bytes);
        }
    }

    public void Dispose()
    {
        finished.Set();
        display.Wait();
        ready.Dispose();
        finished.Dispose();
    }
}
