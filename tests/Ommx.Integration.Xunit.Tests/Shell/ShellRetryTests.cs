using Ommx.Integration.Experiments;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing;
using Ommx.Integration.Xunit.Tests.TestSupport;
using Xunit.Sdk;

namespace Ommx.Integration.Xunit.Tests.Shell;

/// <summary>
/// <c>OmmxRetryFailed</c> in process: a failed test case runs again; every attempt is a Run with its attempt number, the
/// runner sees each test case once with its last attempt's result, and only a last attempt's failure fails the run.
/// </summary>
[Collection(nameof(ShellResumeTests))]
public sealed class ShellRetryTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Root => temp.Combine("registry");

    [Fact]
    public void RetryFailed2_FlakyPassesOnSecondAttempt_AlwaysFailingRecordedThreeTimesReportedOnce()
    {
        var cases = ShellRun.Discover(typeof(RetryScenarios.Suite));
        RetryScenarios.Calls.Clear();

        var result = ShellRun.Run(cases, () => Settings("example.com/shell/retry:v1") with { RetryFailed = 2 });

        Assert.Equal(new Dictionary<string, int> { ["Passes"] = 1, ["FlakyOnce"] = 2, ["AlwaysFails"] = 3 }, RetryScenarios.Calls);
        Assert.Equal(["AlwaysFails => failed", "FlakyOnce => passed", "Passes => passed"], result.Outcomes.Select(o => o[(o[..o.IndexOf(" => ", StringComparison.Ordinal)].LastIndexOf('.') + 1)..]));
        Assert.Equal((3, 1), (result.Summary.Total, result.Summary.Failed));

        using var registry = LocalRegistry.Open(Root);
        var checkpoint = Assert.Single(ExperimentCatalog.ListCheckpoints(registry, "example.com/shell/retry:v1").Checkpoints);
        using var recorded = Experiment.Load(registry, checkpoint.ImageName);
        Assert.Equal(ExperimentStatus.Failed, recorded.Status);
        Assert.StartsWith("1 test(s) failed", recorded.LifecycleReason, StringComparison.Ordinal);
        var attempts = recorded.Runs
            .Select(r => $"{r.Parameters["test.method"].AsString()} {r.Parameters[TestSession.AttemptParameter].AsInt64()} {r.Parameters["test.outcome"].AsString()}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["AlwaysFails 1 failed", "AlwaysFails 2 failed", "AlwaysFails 3 failed", "FlakyOnce 1 failed", "FlakyOnce 2 passed", "Passes 1 passed"], attempts);

        // Resuming it runs only what failed on its last attempt.
        RetryScenarios.Calls.Clear();
        ShellRun.Run(cases, () => Settings("example.com/shell/retry:v2") with { ResumeFrom = "example.com/shell/retry:v1" });
        Assert.Equal(new Dictionary<string, int> { ["AlwaysFails"] = 1 }, RetryScenarios.Calls);
    }

    [Fact]
    public void NoRetry_FailureReportedAtOnce_NoAttemptParameter()
    {
        var cases = ShellRun.Discover(typeof(RetryScenarios.Suite));
        RetryScenarios.Calls.Clear();

        var result = ShellRun.Run(cases, () => Settings("example.com/shell/retry:none"));

        Assert.Equal((3, 2), (result.Summary.Total, result.Summary.Failed));
        Assert.Equal(new Dictionary<string, int> { ["Passes"] = 1, ["FlakyOnce"] = 1, ["AlwaysFails"] = 1 }, RetryScenarios.Calls);
        using var registry = LocalRegistry.Open(Root);
        using var recorded = Experiment.Load(registry, Assert.Single(ExperimentCatalog.ListCheckpoints(registry, "example.com/shell/retry:none").Checkpoints).ImageName);
        Assert.DoesNotContain(recorded.Runs, r => r.Parameters.ContainsKey(TestSession.AttemptParameter));
    }

    private TestSessionSettings Settings(string name) =>
        HostSettings.Read(new TestAssembly(Reflector.Wrap(typeof(ShellRetryTests).Assembly)), [], new CollectingSink())
            with { RegistryRoot = Root, ExperimentName = name, SessionId = null, FinishInHost = true };

    public void Dispose() => temp.Dispose();
}
