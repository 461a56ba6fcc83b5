using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// Settles a session after its test host exited: the same core call and codes as the MSBuild step
/// <c>OmmxFinishTestRun</c> — a commit is an information line, a failed or interrupted checkpoint a warning.
/// </summary>
internal static class TestRunFinish
{
    public sealed record Report(TestRunOutcome? Outcome, IReadOnlyList<TestRunLine> Lines);

    public static Report Settle(string registryRoot, string sessionId, bool testsSucceeded)
    {
        var lines = new List<TestRunLine>();
        TestRunOutcome outcome;
        try
        {
            using var registry = LocalRegistry.Open(registryRoot);
            outcome = new TestRunSessions(registry).Finish(sessionId, testsSucceeded);
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            lines.Add(TestRunLine.Warning(TestRunCodes.FinishFailed, $"OMMX: {e.Message}. The recorded Runs stay in the journal; the next test run or OmmxGc turns them into an interrupted checkpoint."));
            return new Report(null, lines);
        }

        switch (outcome.Kind)
        {
            case TestRunOutcomeKind.FailedCheckpoint:
                lines.Add(TestRunLine.Warning(TestRunCodes.FailedCheckpoint, outcome.Headline));
                break;
            case TestRunOutcomeKind.InterruptedCheckpoint:
                lines.Add(TestRunLine.Warning(TestRunCodes.InterruptedCheckpoint, outcome.Headline));
                break;
            case TestRunOutcomeKind.NothingRecorded when !testsSucceeded:
                lines.Add(TestRunLine.Warning(TestRunCodes.NothingRecorded, outcome.Headline));
                break;
            default:
                lines.Add(TestRunLine.Info(outcome.Headline));
                break;
        }

        lines.AddRange(outcome.Hints.Select(TestRunLine.Info));
        if (outcome.RecordingErrors > 0)
        {
            lines.Add(TestRunLine.Warning(TestRunCodes.RecordingErrors, $"{outcome.RecordingErrors} recording error(s) in the test host; see its diagnostic messages (--xunit-diagnostics-on, or diagnosticMessages: true in xunit.runner.json)"));
        }

        return new Report(outcome, lines);
    }
}
