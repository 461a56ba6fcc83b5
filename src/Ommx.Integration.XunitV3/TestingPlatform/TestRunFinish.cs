using Ommx.Integration.FollowUp;
using Ommx.Integration.Registry;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// Settles a session after its test host exited: the same core call and codes as the MSBuild step
/// <c>OmmxFinishTestRun</c> — a commit is an information line, a failed or interrupted checkpoint a warning.
/// </summary>
internal static class TestRunFinish
{
    /// <param name="Outcome">The settled session, or null when it could not be settled.</param>
    /// <param name="Lines">What to show.</param>
    /// <param name="FailsTheRun">The follow-up fails a run whose tests passed: a regression under <c>OmmxFailOnRegression</c>, or a failed push.</param>
    public sealed record Report(TestRunOutcome? Outcome, IReadOnlyList<TestRunLine> Lines, bool FailsTheRun = false);

    /// <summary>Settles the session, then runs the follow-up (<see cref="TestRunFollowUp"/>) in the same registry, as <c>OmmxFinishTestRun</c> does.</summary>
    public static Report Settle(string registryRoot, string sessionId, bool testsSucceeded, TestRunFollowUpSettings followUpSettings)
    {
        var lines = new List<TestRunLine>();
        TestRunOutcome outcome;
        TestRunFollowUpReport? followUp = null;
        try
        {
            using var registry = LocalRegistry.Open(registryRoot);
            outcome = new TestRunSessions(registry).Finish(sessionId, testsSucceeded);
            if (followUpSettings.Any)
            {
                followUp = TestRunFollowUp.Run(registry, outcome, followUpSettings);
            }
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
        lines.AddRange((followUp?.Lines ?? []).Select(Translate));
        if (outcome.RecordingErrors > 0)
        {
            lines.Add(TestRunLine.Warning(TestRunCodes.RecordingErrors, $"{outcome.RecordingErrors} recording error(s) in the test host; see its diagnostic messages (--xunit-diagnostics-on, or diagnosticMessages: true in xunit.runner.json)"));
        }

        return new Report(outcome, lines, followUp?.FailsTheRun ?? false);
    }

    /// <summary>A follow-up line with the MSBuild step's code for it.</summary>
    private static TestRunLine Translate(TestRunFollowUpLine line)
    {
        var code = line.Event switch
        {
            TestRunFollowUpEvent.BaselineNotCompared => TestRunCodes.BaselineNotCompared,
            TestRunFollowUpEvent.BaselineUnavailable => TestRunCodes.BaselineUnavailable,
            TestRunFollowUpEvent.Regression => line.IsError ? TestRunCodes.RegressionFailed : TestRunCodes.Regression,
            TestRunFollowUpEvent.SummaryNotWritten => TestRunCodes.SummaryNotWritten,
            TestRunFollowUpEvent.ReportNotWritten => TestRunCodes.ReportNotWritten,
            TestRunFollowUpEvent.PushFailed => TestRunCodes.PushFailed,
            _ => null,
        };
        return code is null ? TestRunLine.Info(line.Text) : line.IsError ? TestRunLine.Error(code, line.Text) : TestRunLine.Warning(code, line.Text);
    }
}
