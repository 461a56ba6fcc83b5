using Ommx.Integration.Experiments;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// Disposing a Run finishes it if it is still open, and never throws, even when several threads dispose it at once
/// (review 2026-12-07, §2.7: the open check and the close were two steps, so the second disposer threw).
/// </summary>
public sealed class RunDisposeTests : IDisposable
{
    private const int Runs = 1000;
    private const int Disposers = 4;
    private readonly TempRegistry temp = new();

    [Fact]
    public void Dispose_FromSeveralThreadsAtOnce_FinishesOnceAndNeverThrows()
    {
        using var experiment = Experiment.Create(temp.Registry, "example.com/team/disposed:v1");
        experiment.AutosavePolicy = AutosavePolicy.Disabled();
        var errors = new List<Exception>();
        for (var i = 0; i < Runs; i++)
        {
            var run = experiment.Run();
            using var start = new Barrier(Disposers);
            var threads = Enumerable.Range(0, Disposers).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    run.Dispose();
                }
                catch (Exception e)
                {
                    lock (errors)
                    {
                        errors.Add(e);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        Assert.True(errors.Count == 0, $"{errors.Count} Dispose calls threw, first: {errors.FirstOrDefault()}");
        Assert.Equal(Runs, experiment.ClosedRunCount);
        Assert.All(experiment.Runs, r => Assert.Equal(RunStatus.Finished, r.Status));
    }

    public void Dispose() => temp.Dispose();
}
