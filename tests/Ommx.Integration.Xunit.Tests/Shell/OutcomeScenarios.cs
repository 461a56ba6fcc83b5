namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>Skips, cancellations, a timeout and a broken constructor, run in process by the shell tests.</summary>
internal static class OutcomeScenarios
{
    public sealed class Outcomes
    {
        [Fact(Skip = "not today")]
        public void Skipped()
        {
        }

        [Theory(Skip = "nor this")]
        [InlineData(1)]
        public void SkippedTheory(int n) => Assert.Equal(1, n);

        [Fact]
        public void Cancelled() => throw new OperationCanceledException("stopped by the test");

        [Fact]
        public Task TaskCancelled() => Task.FromCanceled(new CancellationToken(canceled: true));

        [Fact(Timeout = 50)]
        public async Task TimesOut() => await Task.Delay(3_000);

        [Fact]
        public void Passes() => OmmxRun.Current.LogParameter("passes.logged", true);
    }

    public sealed class BrokenConstructor
    {
        public BrokenConstructor() => throw new InvalidOperationException("constructor refused");

        [Fact]
        public void NeverRuns()
        {
        }
    }

    public sealed class ClosesItsOwnRun
    {
        [Fact]
        public void FinishesTheRunItself() => OmmxRun.Current.Finish();

        [Fact]
        public void LogsEverything()
        {
            OmmxRun.Current.LogParameter("everything.count", 3);
            OmmxRun.Current.LogJson("everything", new { count = 3 });
            OmmxRun.Current.LogText("notes", "hello");
        }
    }
}
