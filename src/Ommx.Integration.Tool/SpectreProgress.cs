using Ommx.Integration.Commands;
using Spectre.Console;

namespace Ommx.Integration.Tool;

/// <summary>A Spectre.Console progress bar driven step by step from the command's loop.</summary>
internal sealed class SpectreProgress : ICommandProgress
{
    private readonly ManualResetEventSlim ready = new();
    private readonly ManualResetEventSlim finished = new();
    private readonly Task display;
    private ProgressTask? task;

    public SpectreProgress(string description, int total)
    {
        display = Task.Run(() => AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                task = context.AddTask(Markup.Escape(description), maxValue: total);
                ready.Set();
                finished.Wait();
            }));
        ready.Wait();
    }

    public void Advance(string item) => task!.Increment(1);

    public void Dispose()
    {
        finished.Set();
        display.Wait();
        ready.Dispose();
        finished.Dispose();
    }
}
